/// A parsed JSON value, keeping what Foundation's parser hides: object keys in
/// file order (so duplicates are visible) and each number's source text (so
/// `1e400` is reported as written, not as `inf`).
enum JSONValue: Sendable, Hashable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double, text: String)
    case bool(Bool)
    case null

    /// For error messages: what was found, in JSON's own words.
    var summary: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string(let text): "the string \"\(text.prefix(40))\""
        case .number(_, let text): text
        case .bool(let value): String(value)
        case .null: "null"
        }
    }

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(_, let a), .number(_, let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(summary)
    }
}
