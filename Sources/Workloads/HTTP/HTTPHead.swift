/// The start line and header fields of an HTTP/1.x message, as the response
/// parser (client) and the request parser (server) both read them.
struct HTTPHead {
    /// "HTTP/1.1 200 OK" or "GET /get HTTP/1.1".
    var startLine: String
    var headers: [HTTPHeader]
    /// Bytes the head took, including the blank line that ends it.
    var byteCount: Int

    enum ParseResult {
        case incomplete
        case complete(HTTPHead)
        /// Malformed, with a reason for the error message.
        case invalid(String)
        /// No blank line within `limit` bytes.
        case tooLarge
    }

    /// Parses the head at the start of `bytes`, which may be longer than `limit`
    /// only if the head ends within `limit`.
    static func parse(_ bytes: UnsafeRawBufferPointer, limit: Int) -> ParseResult {
        guard let (end, blankLength) = blankLine(in: bytes, limit: limit) else {
            return bytes.count >= limit ? .tooLarge : .incomplete
        }
        var lines = bytes[..<end].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0 }
        let startLine = lines.removeFirst()
        guard !startLine.isEmpty else { return .invalid("empty start line") }
        guard startLine.allSatisfy(isVisibleOrSpace) else { return .invalid("control characters in the start line") }
        var headers: [HTTPHeader] = []
        headers.reserveCapacity(lines.count)
        for line in lines where !line.isEmpty {
            switch parseField(line) {
            case .success(let header): headers.append(header)
            case .failure(let failure): return .invalid(failure.reason)
            }
        }
        return .complete(HTTPHead(startLine: String(decoding: startLine, as: UTF8.self), headers: headers, byteCount: end + blankLength))
    }

    struct FieldError: Error { var reason: String }

    /// One `Name: value` line; obsolete line folding and spaces before the colon are rejected.
    private static func parseField(_ line: Slice<UnsafeRawBufferPointer>) -> Result<HTTPHeader, FieldError> {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            return .failure(FieldError(reason: "header line without a colon"))
        }
        let name = line[..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
            return .failure(FieldError(reason: "invalid header name '\(String(decoding: name, as: UTF8.self))'"))
        }
        var value = line[line.index(after: colon)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        guard value.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }) else {
            return .failure(FieldError(reason: "control characters in header '\(String(decoding: name, as: UTF8.self))'"))
        }
        return .success(HTTPHeader(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
    }

    /// Where the blank line that ends the head starts, and its length: CRLF CRLF,
    /// or a bare LF ending a line (RFC 9112, section 2.2 lets a recipient accept
    /// LF alone), searched within `limit` bytes.
    private static func blankLine(in bytes: UnsafeRawBufferPointer, limit: Int) -> (start: Int, length: Int)? {
        let end = min(bytes.count, limit)
        var index = 0
        while index < end - 1 {
            if bytes[index] == 0x0A {
                if bytes[index + 1] == 0x0A { return (index, 2) }
                if index + 2 < end, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { return (index, 3) }
            }
            index += 1
        }
        return nil
    }

    private static func isVisibleOrSpace(_ byte: UInt8) -> Bool { byte >= 0x20 && byte != 0x7F }

    /// RFC 9110 token characters.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

extension [HTTPHeader] {
    /// The first value of the field `name` (case-insensitive), if present.
    func value(named name: String) -> String? {
        first { $0.name.lowercased() == name }?.value
    }

    /// True when the comma-separated field `name` lists `token` (case-insensitive).
    func lists(_ token: String, in name: String) -> Bool {
        contains { header in
            header.name.lowercased() == name
                && header.value.lowercased().split(separator: ",").contains { $0.trimmingSpaces() == token }
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
