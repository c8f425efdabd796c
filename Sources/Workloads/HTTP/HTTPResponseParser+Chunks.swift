/// Chunked transfer-coding, decoded as bytes arrive: chunk data is moved into
/// the body as it comes, so the buffer never holds more than one read beyond
/// the current line, and a chunk is refused from its size line when it would
/// take the body past the limit.
extension HTTPResponseParser {
    /// Decodes as much as has arrived; returns the response after the trailers.
    mutating func parseChunks() throws(Failure) -> HTTPResponse? {
        while true {
            switch chunkState {
            case .size:
                guard let lineEnd = lineEnd(from: cursor) else {
                    guard buffer.count - cursor < Self.maximumChunkLineBytes else {
                        throw Failure(reason: "chunk size line longer than 4 KiB")
                    }
                    return nil
                }
                let size = try Self.chunkSize(buffer[cursor..<lineEnd])
                cursor = lineEnd + 2
                guard size <= Self.maximumBodyBytes - body.count else { throw Self.bodyTooLarge }
                chunkState = size == 0 ? .trailers : .data(remaining: size)
            case .data(let remaining):
                let available = min(remaining, buffer.count - cursor)
                guard available > 0 else { return nil }
                body.append(contentsOf: buffer[cursor..<cursor + available])
                cursor += available
                chunkState = available == remaining ? .dataEnd : .data(remaining: remaining - available)
            case .dataEnd:
                guard buffer.count - cursor >= 2 else { return nil }
                guard buffer[cursor] == 0x0D, buffer[cursor + 1] == 0x0A else {
                    throw Failure(reason: "chunk not followed by CRLF")
                }
                cursor += 2
                chunkState = .size
            case .trailers:
                guard let end = lineEnd(from: cursor) else {
                    guard trailerBytes + buffer.count - cursor < Self.maximumHeadBytes else {
                        throw Failure(reason: "trailers larger than 64 KiB")
                    }
                    return nil
                }
                let isBlank = end == cursor
                trailerBytes += end + 2 - cursor
                cursor = end + 2
                guard trailerBytes <= Self.maximumHeadBytes else { throw Failure(reason: "trailers larger than 64 KiB") }
                if isBlank { return HTTPResponse(status: status, headers: headers, body: body) }
            }
        }
    }

    /// The size on a chunk-size line: 1 to 8 hex digits (no sign, no prefix),
    /// optionally followed by spaces and `;extensions`.
    static func chunkSize(_ line: ArraySlice<UInt8>) throws(Failure) -> Int {
        let digits = line.prefix { $0 != UInt8(ascii: ";") }.prefix { $0 != 0x20 && $0 != 0x09 }
        let rest = line.dropFirst(digits.count).drop { $0 == 0x20 || $0 == 0x09 }
        guard !digits.isEmpty, digits.count <= 8, rest.first.map({ $0 == UInt8(ascii: ";") }) ?? true else {
            throw badChunkSize(line)
        }
        var size = 0
        for byte in digits {
            guard let value = hexValue(byte) else { throw badChunkSize(line) }
            size = size << 4 | value
        }
        return size
    }

    private static func badChunkSize(_ line: ArraySlice<UInt8>) -> Failure {
        let text = String(decoding: line.prefix(40), as: UTF8.self).unicodeScalars
            .map { $0.value >= 0x20 && $0.value < 0x7F ? String($0) : "?" }.joined()
        return Failure(reason: "bad chunk size '\(text)'")
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// The index of the next CRLF at or after `start`.
    func lineEnd(from start: Int) -> Int? {
        var index = start
        while index + 1 < buffer.count {
            if buffer[index] == 0x0D && buffer[index + 1] == 0x0A { return index }
            index += 1
        }
        return nil
    }
}
