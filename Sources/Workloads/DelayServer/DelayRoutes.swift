/// What the delay server answers: httpbin's `/get` and `/delay/{s}`.
enum DelayRoutes {
    /// httpbin caps delays at 10 s.
    static let maximumDelay = 10.0

    /// A response now, or after a delay in seconds.
    enum Decision {
        case now(ServerResponse)
        case after(Double, ServerResponse)
    }

    static func route(_ request: HTTPRequest, port: Int) -> Decision {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = ServerResponse.error(405, "only GET and HEAD are served", keepsConnection: true)
            response.extraHeaders = [HTTPHeader(name: "Allow", value: "GET, HEAD")]
            return .now(response)
        }
        let path = request.path
        if path == "/get" { return .now(.json(body(for: request, port: port))) }
        if path.hasPrefix("/delay/") {
            let text = path.dropFirst("/delay/".count)
            // Decimal, as httpbin's float() reads it: Swift's Double("0x10") would read hex as 16.
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
                  let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
                return .now(.error(400, "'\(text.prefix(40))' is not a delay in seconds: use /delay/0.2", keepsConnection: true))
            }
            return .after(min(seconds, maximumDelay), .json(body(for: request, port: port)))
        }
        return .now(.error(404, "no route for \(path.prefix(100)); try /get or /delay/0.2", keepsConnection: true))
    }

    /// httpbin's JSON shape: args, the request's headers, origin, url.
    static func body(for request: HTTPRequest, port: Int) -> String {
        let host = request.headers.value(named: "host") ?? "127.0.0.1:\(port)"
        var merged: [(name: String, value: String)] = []
        for header in request.headers {
            if let index = merged.firstIndex(where: { $0.name.lowercased() == header.name.lowercased() }) {
                merged[index].value += ", " + header.value
            } else {
                merged.append((header.name, header.value))
            }
        }
        let args = request.query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return "    \(JSON.quoted(parts[0])): \(JSON.quoted(parts.count > 1 ? parts[1] : ""))"
        }
        let headers = merged.map { "    \(JSON.quoted($0.name)): \(JSON.quoted($0.value))" }
        return """
        {
          "args": \(JSON.object(args)),
          "headers": \(JSON.object(headers)),
          "origin": "127.0.0.1",
          "url": \(JSON.quoted("http://\(host)\(request.target)"))
        }

        """
    }
}

/// The little JSON writing the server needs.
enum JSON {
    /// `members` (already "  "key": value" lines) inside braces.
    static func object(_ members: [String]) -> String {
        members.isEmpty ? "{}" : "{\n" + members.joined(separator: ",\n") + "\n  }"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: some StringProtocol) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
