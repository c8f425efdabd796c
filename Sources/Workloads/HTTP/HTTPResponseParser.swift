/// Reads one HTTP/1.1 response from bytes as they arrive: status line, headers,
/// then a body framed by Content-Length, chunked transfer-encoding, or the end
/// of the connection. Shared by both clients.
struct HTTPResponseParser {
    /// Largest accepted head (status line and headers).
    static let maximumHeadBytes = 64 * 1024
    /// Largest accepted body: a delay response is a few hundred bytes.
    static let maximumBodyBytes = 64 * 1024 * 1024

    struct Failure: Error {
        var reason: String
        /// The connection ended before the response did (not a protocol error).
        var closedEarly = false
    }

    private enum Framing {
        case length(Int)
        case chunked
        case untilClose
    }

    private var buffer: [UInt8] = []
    /// Start of the bytes not consumed yet.
    private var cursor = 0
    private var status = 0
    private var headers: [HTTPHeader] = []
    private var framing: Framing?
    private var body: [UInt8] = []

    /// Adds received bytes; returns the response once it is complete.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> HTTPResponse? {
        buffer.append(contentsOf: bytes)
        return try advance()
    }

    /// The connection ended: returns the response if the end completes it.
    mutating func finishAtEndOfStream() throws(Failure) -> HTTPResponse {
        if let response = try advance() { return response }
        guard case .untilClose? = framing else {
            throw Failure(reason: "connection closed before the response was complete", closedEarly: true)
        }
        body.append(contentsOf: buffer[cursor...])
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    private mutating func advance() throws(Failure) -> HTTPResponse? {
        if framing == nil {
            guard try parseHead() else { return nil }
        }
        switch framing {
        case .length(let length)?:
            guard buffer.count - cursor >= length else { return nil }
            body = Array(buffer[cursor..<cursor + length])
            return HTTPResponse(status: status, headers: headers, body: body)
        case .chunked?:
            return try parseChunks()
        case .untilClose?, nil:
            guard buffer.count - cursor <= Self.maximumBodyBytes else { throw Failure(reason: "body larger than 64 MiB") }
            return nil
        }
    }

    /// Parses the head if it is complete, skipping interim 1xx responses.
    private mutating func parseHead() throws(Failure) -> Bool {
        while true {
            let result = buffer.withUnsafeBytes { raw in
                HTTPHead.parse(UnsafeRawBufferPointer(rebasing: raw[cursor...]), limit: Self.maximumHeadBytes)
            }
            switch result {
            case .incomplete: return false
            case .tooLarge: throw Failure(reason: "response head larger than 64 KiB")
            case .invalid(let reason): throw Failure(reason: reason)
            case .complete(let head):
                cursor += head.byteCount
                status = try Self.status(of: head.startLine)
                headers = head.headers
                if (100..<200).contains(status) && status != 101 { continue }
                framing = try Self.framing(status: status, headers: head.headers)
                return true
            }
        }
    }

    /// The status code of "HTTP/1.x NNN reason".
    private static func status(of line: String) throws(Failure) -> Int {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
              let status = Int(parts[1]), (100...599).contains(status)
        else { throw Failure(reason: "bad status line '\(line.prefix(80))'") }
        return status
    }

    private static func framing(status: Int, headers: [HTTPHeader]) throws(Failure) -> Framing {
        if status == 204 || status == 304 { return .length(0) }
        if headers.contains(where: { $0.name.lowercased() == "transfer-encoding" }) {
            guard headers.lists("chunked", in: "transfer-encoding") else {
                throw Failure(reason: "unsupported transfer-encoding")
            }
            return .chunked
        }
        let lengths = headers.filter { $0.name.lowercased() == "content-length" }.map(\.value)
        guard let first = lengths.first else { return .untilClose }
        guard lengths.allSatisfy({ $0 == first }), first.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let length = Int(first), length <= maximumBodyBytes
        else { throw Failure(reason: "bad content-length '\(first.prefix(40))'") }
        return .length(length)
    }

    /// Decodes as many chunks as have arrived; returns the response after the last one.
    private mutating func parseChunks() throws(Failure) -> HTTPResponse? {
        while true {
            guard let lineEnd = lineEnd(from: cursor) else {
                guard buffer.count - cursor < 4096 else { throw Failure(reason: "chunk size line too long") }
                return nil
            }
            let line = String(decoding: buffer[cursor..<lineEnd], as: UTF8.self)
            let sizeText = line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmingSpaces()
            guard !sizeText.isEmpty, sizeText.count <= 8, let size = Int(sizeText, radix: 16) else {
                throw Failure(reason: "bad chunk size '\(line.prefix(40))'")
            }
            if size == 0 { return try parseTrailers(from: lineEnd + 2) }
            let dataStart = lineEnd + 2
            guard buffer.count >= dataStart + size + 2 else { return nil }
            guard buffer[dataStart + size] == 0x0D, buffer[dataStart + size + 1] == 0x0A else {
                throw Failure(reason: "chunk not followed by CRLF")
            }
            guard body.count + size <= Self.maximumBodyBytes else { throw Failure(reason: "body larger than 64 MiB") }
            body.append(contentsOf: buffer[dataStart..<dataStart + size])
            cursor = dataStart + size + 2
        }
    }

    /// Skips trailer fields up to the blank line that ends a chunked body.
    private mutating func parseTrailers(from start: Int) throws(Failure) -> HTTPResponse? {
        var position = start
        while let end = lineEnd(from: position) {
            if end == position {
                cursor = end + 2
                return HTTPResponse(status: status, headers: headers, body: body)
            }
            position = end + 2
        }
        guard buffer.count - start < Self.maximumHeadBytes else { throw Failure(reason: "trailers larger than 64 KiB") }
        return nil
    }

    /// The index of the next CRLF at or after `start`.
    private func lineEnd(from start: Int) -> Int? {
        var index = start
        while index + 1 < buffer.count {
            if buffer[index] == 0x0D && buffer[index + 1] == 0x0A { return index }
            index += 1
        }
        return nil
    }
}
