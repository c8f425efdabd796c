/// Why a document is not the JSON the gate accepts.
enum JSONParseError: Error, Sendable {
    /// Not JSON at all: where it broke and what was expected.
    case syntax(String, line: Int, column: Int)
    /// An object names the same key twice. Foundation keeps one silently;
    /// in a hand-edited baseline that hides which tolerance is meant.
    case duplicateKey(String, at: JSONKeyPath)
}

/// A strict RFC 8259 parser over bytes. Small on purpose: it exists to report
/// positions and duplicate keys, and to never trap on hostile input (depth is
/// bounded, every index is checked).
struct JSONParser {
    /// Deeper nesting is refused rather than risking the stack on `[[[[...`.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        // A leading UTF-8 byte-order mark is harmless; allow it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue(at: .root)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.syntax("unexpected text after the document") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func parseValue(at path: JSONKeyPath) throws(JSONParseError) -> JSONValue {
        guard let byte = current else { throw syntax("unexpected end of file (truncated?)") }
        switch byte {
        case UInt8(ascii: "{"): return try nested { (parser: inout JSONParser) throws(JSONParseError) in try parser.parseObject(at: path) }
        case UInt8(ascii: "["): return try nested { (parser: inout JSONParser) throws(JSONParseError) in try parser.parseArray(at: path) }
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw syntax("expected a value")
        }
    }

    private mutating func nested(_ body: (inout JSONParser) throws(JSONParseError) -> JSONValue) throws(JSONParseError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw syntax("nested deeper than \(Self.maximumDepth) levels") }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func parseObject(at path: JSONKeyPath) throws(JSONParseError) -> JSONValue {
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var seen: Set<String> = []
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw syntax("expected a key in quotes") }
            let key = try parseString()
            guard seen.insert(key).inserted else { throw .duplicateKey(key, at: path) }
            skipWhitespace()
            try expect(":")
            skipWhitespace()
            members.append((key, try parseValue(at: path.appending(key))))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            try expect("}", or: "',' or '}'")
            return .object(members)
        }
    }

    private mutating func parseArray(at path: JSONKeyPath) throws(JSONParseError) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(at: path.appending(index: elements.count)))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            try expect("]", or: "',' or ']'")
            return .array(elements)
        }
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() throws(JSONParseError) {
            guard !run.isEmpty else { return }
            guard let text = String(validating: run, as: UTF8.self) else { throw syntax("invalid UTF-8 in a string") }
            scalars.append(contentsOf: text.unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                try flush()
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flush()
                position += 1
                scalars.append(try parseEscape())
            case 0..<0x20:
                throw syntax("control character in a string")
            default:
                run.append(byte)
                position += 1
            }
        }
        throw syntax("unterminated string (truncated?)")
    }

    private mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        guard let byte = current else { throw syntax("unterminated escape") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            guard (0xD800..<0xDC00).contains(high) else {
                guard let scalar = Unicode.Scalar(high) else { throw syntax("lone surrogate escape") }
                return scalar
            }
            guard current == UInt8(ascii: "\\") else { throw syntax("lone surrogate escape") }
            position += 1
            guard current == UInt8(ascii: "u") else { throw syntax("lone surrogate escape") }
            position += 1
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low),
                  let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            else { throw syntax("invalid surrogate pair") }
            return scalar
        default:
            throw syntax("invalid escape")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexDigit(byte) else { throw syntax("expected 4 hex digits") }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Strict number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    /// `NaN`, `Infinity`, `+1`, `01` and `.5` are not JSON and are refused here.
    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
        } else {
            guard try digits() > 0 else { throw syntax("expected digits") }
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard try digits() > 0 else { throw syntax("expected digits after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard try digits() > 0 else { throw syntax("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        // Out-of-range literals such as 1e400 become ±infinity; the schema rejects them.
        return .number(Double(text) ?? .nan, text: text)
    }

    private mutating func digits() throws(JSONParseError) -> Int {
        var count = 0
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            position += 1
            count += 1
        }
        return count
    }

    private mutating func expectWord(_ word: String) throws(JSONParseError) {
        for expected in word.utf8 {
            guard current == expected else { throw syntax("expected a value") }
            position += 1
        }
    }

    private mutating func expect(_ character: Character, or description: String? = nil) throws(JSONParseError) {
        guard let ascii = character.asciiValue, current == ascii else {
            let what = description ?? "'\(character)'"
            throw syntax(current == nil ? "unexpected end of file, expected \(what) (truncated?)" : "expected \(what)")
        }
        position += 1
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    /// A syntax error at the current position, with 1-based line and column.
    private func syntax(_ message: String) -> JSONParseError {
        let consumed = bytes[..<min(position, bytes.count)]
        let line = consumed.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = consumed.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return .syntax(message, line: line, column: position - lineStart + 1)
    }
}
