/// Reads a ``JSONValue`` against a schema, turning every mismatch into a
/// ``BaselineError`` that names the file and the key path.
struct JSONCursor {
    let value: JSONValue
    let path: JSONKeyPath
    let file: String

    /// The members of an object; any key outside `allowed` is an error, so a
    /// misspelt `"tolerence"` is caught instead of silently ignored.
    func object(allowing allowed: Set<String>? = nil) throws(BaselineError) -> [String: JSONCursor] {
        guard case .object(let members) = value else { throw mismatch("an object") }
        var result: [String: JSONCursor] = [:]
        for member in members {
            let child = JSONCursor(value: member.value, path: path.appending(member.key), file: file)
            if let allowed, !allowed.contains(member.key) {
                throw BaselineError(.invalid, file: file, keyPath: child.path.description,
                                    problem: "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[member.key] = child
        }
        return result
    }

    /// A required member of an object read with ``object(allowing:)``.
    func require(_ key: String, in members: [String: JSONCursor]) throws(BaselineError) -> JSONCursor {
        guard let member = members[key] else {
            throw BaselineError(.invalid, file: file, keyPath: path.appending(key).description, problem: "missing key")
        }
        return member
    }

    func array() throws(BaselineError) -> [JSONCursor] {
        guard case .array(let elements) = value else { throw mismatch("an array") }
        return elements.enumerated().map { JSONCursor(value: $1, path: path.appending(index: $0), file: file) }
    }

    func string() throws(BaselineError) -> String {
        guard case .string(let text) = value else { throw mismatch("a string") }
        return text
    }

    func bool() throws(BaselineError) -> Bool {
        guard case .bool(let flag) = value else { throw mismatch("true or false") }
        return flag
    }

    /// Baselines hold times, ratios and tolerances: all non-negative and finite.
    /// `1e300` is finite but no timing; anything above `limit` is refused too.
    func nonNegativeNumber(limit: Double = 1e12) throws(BaselineError) -> Double {
        let expected = "a non-negative finite number"
        guard case .number(let number, _) = value else { throw mismatch(expected) }
        guard number.isFinite, number >= 0, number <= limit else {
            throw mismatch(number.isFinite && number >= 0 ? "\(expected) up to \(limit)" : expected)
        }
        return number
    }

    func integer() throws(BaselineError) -> Int {
        guard case .number(let number, _) = value, number.isFinite, number.rounded() == number,
              abs(number) < 1e15, let integer = Int(exactly: number) else { throw mismatch("an integer") }
        return integer
    }

    func mismatch(_ expected: String) -> BaselineError {
        BaselineError(.invalid, file: file, keyPath: path.description,
                      problem: "expected \(expected), found \(value.summary)")
    }
}
