/// A response the delay server sends, serialized by hand.
struct ServerResponse {
    var status: Int
    var contentType: String
    var extraHeaders: [HTTPHeader] = []
    var body: [UInt8]
    /// Error responses close the connection: the request stream may be out of step.
    var closesConnection = false

    /// A JSON 200.
    static func json(_ text: String) -> ServerResponse {
        ServerResponse(status: 200, contentType: "application/json", body: Array(text.utf8))
    }

    /// A plain-text error saying what went wrong. 4xx answers to well-formed
    /// requests (404, 405) keep the connection; the rest close it.
    static func error(_ status: Int, _ message: String, keepsConnection: Bool = false) -> ServerResponse {
        ServerResponse(
            status: status, contentType: "text/plain; charset=utf-8",
            body: Array("\(status) \(reason(status)): \(message)\n".utf8), closesConnection: !keepsConnection
        )
    }

    /// The response bytes; `includeBody` is false for HEAD.
    func serialized(keepAlive: Bool, includeBody: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        head += "Server: concurrency-kit\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        for header in extraHeaders { head += "\(header.name): \(header.value)\r\n" }
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var bytes = Array(head.utf8)
        if includeBody { bytes += body }
        return bytes
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 431: "Request Header Fields Too Large"
        case 501: "Not Implemented"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}
