/// Reads one HTTP/1.1 response from bytes as they arrive: status line, headers,
/// then a body framed by Content-Length, chunked transfer-encoding, or the end
/// of the connection. Shared by both clients.
///
/// Memory stays bounded whatever the server sends: consumed bytes are dropped
/// from the buffer as parsing goes, interim (1xx) heads count against the head
/// limit, and a body is refused as soon as its declared or received size passes
/// `maximumBodyBytes`, never after it has arrived.
struct HTTPResponseParser {
    /// Largest accepted head (status line and headers), interim 1xx heads included.
    static let maximumHeadBytes = 64 * 1024
    /// Largest accepted body: a delay response is a few hundred bytes.
    static let maximumBodyBytes = 8 * 1024 * 1024
    /// Longest accepted chunk-size line, extensions included.
    static let maximumChunkLineBytes = 4096

    struct Failure: Error {
        var reason: String
        /// The connection ended before the response did (not a protocol error).
        var closedEarly = false
    }

    enum Framing {
        case length(Int)
        case chunked
        case untilClose
    }

    /// Where a chunked body is.
    enum ChunkState {
        /// Expecting a chunk-size line.
        case size
        /// Inside a chunk's data, `remaining` bytes to go.
        case data(remaining: Int)
        /// Expecting the CRLF after a chunk's data.
        case dataEnd
        /// After the last chunk: trailer fields up to a blank line.
        case trailers
    }

    var buffer: [UInt8] = []
    /// Start of the bytes not consumed yet.
    var cursor = 0
    var status = 0
    var headers: [HTTPHeader] = []
    var framing: Framing?
    var body: [UInt8] = []
    /// Bytes of interim (1xx) heads skipped so far.
    var interimHeadBytes = 0
    var chunkState = ChunkState.size
    /// Bytes of trailer fields read so far.
    var trailerBytes = 0

    /// Adds received bytes; returns the response once it is complete.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> HTTPResponse? {
        buffer.append(contentsOf: bytes)
        defer { compact() }
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

    /// Drops the consumed bytes once they are at least half the buffer, so the
    /// buffer holds only what is not parsed yet (amortised O(1) per byte).
    private mutating func compact() {
        guard cursor > 0, cursor * 2 >= buffer.count else { return }
        buffer.removeSubrange(..<cursor)
        cursor = 0
    }

    private mutating func advance() throws(Failure) -> HTTPResponse? {
        if framing == nil {
            guard try parseHead() else { return nil }
        }
        switch framing {
        case .length(let length)?:
            guard buffer.count - cursor >= length else { return nil }
            body = Array(buffer[cursor..<cursor + length])
            cursor += length
            return HTTPResponse(status: status, headers: headers, body: body)
        case .chunked?:
            return try parseChunks()
        case .untilClose?, nil:
            guard buffer.count - cursor <= Self.maximumBodyBytes else { throw Self.bodyTooLarge }
            return nil
        }
    }

    static let bodyTooLarge = Failure(reason: "body larger than the 8 MiB limit")

    /// Parses the head if it is complete, skipping interim 1xx responses.
    private mutating func parseHead() throws(Failure) -> Bool {
        while true {
            let limit = Self.maximumHeadBytes - interimHeadBytes
            let result = buffer.withUnsafeBytes { raw in
                HTTPHead.parse(UnsafeRawBufferPointer(rebasing: raw[cursor...]), limit: limit)
            }
            switch result {
            case .incomplete: return false
            case .tooLarge where interimHeadBytes > 0:
                throw Failure(reason: "interim (1xx) heads and the final head larger than 64 KiB")
            case .tooLarge: throw Failure(reason: "response head larger than 64 KiB")
            case .invalid(let reason): throw Failure(reason: reason)
            case .complete(let head):
                cursor += head.byteCount
                status = try Self.status(of: head.startLine)
                headers = head.headers
                if (100..<200).contains(status) && status != 101 {
                    interimHeadBytes += head.byteCount
                    continue
                }
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
        if let other = lengths.first(where: { $0 != first }) {
            throw Failure(reason: "conflicting content-lengths '\(first.prefix(20))' and '\(other.prefix(20))'")
        }
        guard !first.isEmpty, first.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw Failure(reason: "bad content-length '\(first.prefix(40))'")
        }
        guard first.utf8.count <= 18, let length = Int(first), length <= maximumBodyBytes else {
            throw Failure(reason: "content-length \(first.prefix(40)) over the 8 MiB limit")
        }
        return .length(length)
    }
}
