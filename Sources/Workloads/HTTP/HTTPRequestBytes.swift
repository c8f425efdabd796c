/// The bytes of the one request both clients send.
enum HTTPRequestBytes {
    /// `GET <target> HTTP/1.1` with Host, `Connection: close` (one request per
    /// connection, so the end of the response is never ambiguous) and a User-Agent.
    static func get(_ url: HTTPURL) -> [UInt8] {
        Array("GET \(url.target) HTTP/1.1\r\nHost: \(url.authority)\r\nConnection: close\r\nUser-Agent: concurrency-kit\r\n\r\n".utf8)
    }
}
