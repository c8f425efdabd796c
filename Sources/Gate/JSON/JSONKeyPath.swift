/// Where in a JSON document a value sits, printed the way a reader would
/// look it up: `benchmarks."cpu.threads".metrics.wall.samples[3]`.
struct JSONKeyPath: Sendable, Hashable, CustomStringConvertible {
    enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    private(set) var components: [Component] = []

    static let root = JSONKeyPath()

    func appending(_ key: String) -> JSONKeyPath {
        var copy = self
        copy.components.append(.key(key))
        return copy
    }

    func appending(index: Int) -> JSONKeyPath {
        var copy = self
        copy.components.append(.index(index))
        return copy
    }

    var description: String {
        guard !components.isEmpty else { return "(top level)" }
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += Self.isPlain(key) ? key : "\"\(key)\""
            }
        }
        return text
    }

    /// Identifier-like keys print bare; keys with dots or spaces get quotes.
    private static func isPlain(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }
}
