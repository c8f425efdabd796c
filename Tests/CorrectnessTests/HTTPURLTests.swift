import Testing
import Workloads

@Suite("HTTPURL parsing")
struct HTTPURLTests {
    @Test("parses host, port and target", arguments: [
        ("http://127.0.0.1:8080/delay/0.2", "127.0.0.1", 8080, "/delay/0.2"),
        ("http://localhost/get?a=1&b=2", "localhost", 80, "/get?a=1&b=2"),
        ("http://127.0.0.1:9", "127.0.0.1", 9, "/"),
        ("http://[::1]:8081/get", "::1", 8081, "/get"),
        ("http://[::1]/", "::1", 80, "/"),
        ("HTTP://example.test:80?x=1#frag", "example.test", 80, "/?x=1"),
    ])
    func parses(_ text: String, host: String, port: Int, target: String) throws {
        let url = try HTTPURL(text)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.target == target)
    }

    @Test("prints the URL back")
    func description() throws {
        #expect(try HTTPURL("http://127.0.0.1:8080/delay/1").description == "http://127.0.0.1:8080/delay/1")
        #expect(try HTTPURL("http://[::1]:8081").description == "http://[::1]:8081/")
        #expect(try HTTPURL("http://localhost:80/get").description == "http://localhost/get")
        #expect(HTTPURL(host: "127.0.0.1", port: 9).description == "http://127.0.0.1:9/")
    }

    @Test("rejects bad URLs with a reason", arguments: [
        ("https://127.0.0.1/", "https is not supported"),
        ("127.0.0.1:8080/get", "no scheme"),
        ("ftp://127.0.0.1/", "scheme 'ftp'"),
        ("http:///get", "no host"),
        ("http://127.0.0.1:0/", "port '0'"),
        ("http://127.0.0.1:99999/", "port '99999'"),
        ("http://127.0.0.1:80a/", "port '80a'"),
        ("http://[::1/", "without ']'"),
        ("http://::1:80/", "brackets"),
        ("http://[nothex]/", "not an IPv6 address"),
        ("http://user@127.0.0.1/", "user names"),
        ("http://127.0.0.1/a b", "a space"),
    ])
    func rejects(_ text: String, reasonContains expected: String) {
        #expect {
            try HTTPURL(text)
        } throws: { error in
            guard case .invalidURL(let url, let reason) = error as? HTTPClientError else { return false }
            return url == text && reason.contains(expected)
        }
    }
}
