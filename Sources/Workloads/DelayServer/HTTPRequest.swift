/// A request head as the delay server understands it.
struct HTTPRequest {
    var method: String
    /// As sent: path and query.
    var target: String
    var headers: [HTTPHeader]
    /// HTTP/1.1 keeps the connection unless `Connection: close`; 1.0 only with keep-alive.
    var keepAlive: Bool
    /// Body bytes that follow the head (read and discarded).
    var contentLength: Int

    /// The target without its query.
    var path: Substring { target.prefix { $0 != "?" } }

    /// The part after `?`, empty without one.
    var query: Substring {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return target[target.index(after: mark)...]
    }

    /// A request, or the error response a bad one deserves.
    enum Parsed {
        case request(HTTPRequest)
        case rejected(ServerResponse)
    }

    /// Interprets `head`.
    static func parse(_ head: HTTPHead, maximumBodyBytes: Int) -> Parsed {
        let parts = head.startLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }),
              parts[1].first == "/"
        else { return .rejected(.error(400, "malformed request line '\(head.startLine.prefix(100))'")) }
        let keepAlive: Bool
        switch parts[2] {
        case "HTTP/1.1": keepAlive = !head.headers.lists("close", in: "connection")
        case "HTTP/1.0": keepAlive = head.headers.lists("keep-alive", in: "connection")
        case let version where version.hasPrefix("HTTP/"):
            return .rejected(.error(505, "only HTTP/1.0 and HTTP/1.1 are supported"))
        default:
            return .rejected(.error(400, "malformed request line '\(head.startLine.prefix(100))'"))
        }
        if parts[2] == "HTTP/1.1", head.headers.value(named: "host") == nil {
            return .rejected(.error(400, "an HTTP/1.1 request needs a Host header (RFC 9112, section 3.2)"))
        }
        if head.headers.value(named: "transfer-encoding") != nil {
            return .rejected(.error(501, "request bodies with transfer-encoding are not supported"))
        }
        var contentLength = 0
        if let text = head.headers.value(named: "content-length") {
            guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let length = Int(text) else {
                return .rejected(.error(400, "bad content-length '\(text.prefix(40))'"))
            }
            guard length <= maximumBodyBytes else { return .rejected(.error(413, "request body larger than \(maximumBodyBytes) bytes")) }
            contentLength = length
        }
        return .request(HTTPRequest(
            method: String(parts[0]), target: String(parts[1]), headers: head.headers,
            keepAlive: keepAlive, contentLength: contentLength
        ))
    }
}
