/// The bytes of the one request both clients send.
enum HTTPRequestBytes {
    /// `GET <target> HTTP/1.1` with Host and a User-Agent. With `keepAlive`
    /// false it adds `Connection: close` (one request per connection, so the end
    /// of the response is never ambiguous); otherwise HTTP/1.1's default
    /// keep-alive lets the connection serve the next request.
    static func get(_ url: HTTPURL, keepAlive: Bool = false) -> [UInt8] {
        let connection = keepAlive ? "" : "Connection: close\r\n"
        return Array("GET \(url.target) HTTP/1.1\r\nHost: \(url.authority)\r\n\(connection)User-Agent: concurrency-kit\r\n\r\n".utf8)
    }
}
