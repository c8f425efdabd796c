/// A baseline file cannot be used: which file, where in it, what is wrong,
/// and what to do next.
///
///     baselines/x.json: benchmarks."cpu.threads".metrics.wallPerCal.samples:
///     expected at least one positive finite number. Fix the file (see
///     `git diff`), or restore it: `git checkout -- baselines/x.json`.
public struct BaselineError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The kinds of trouble, so callers and tests can tell them apart.
    public enum Kind: Sendable, Hashable {
        /// Cannot be opened or read (missing permission, a directory, I/O error).
        case unreadable
        /// Not JSON, or JSON with a duplicate key.
        case malformed
        /// JSON, but not the schema: missing key, wrong type, bad number.
        case invalid
        /// Written by another version of the gate (its `format`): a rebaseline replaces it.
        case otherFormat
        /// Recording failed; the old file is unchanged.
        case unwritable
    }

    public var kind: Kind
    /// The file's path.
    public var file: String
    /// Where in the file, e.g. `benchmarks."cpu.threads".metrics.wallPerCal.samples`; `nil` for the whole file.
    public var keyPath: String?
    /// What is wrong.
    public var problem: String
    /// What to do about it.
    public var remedy: String

    public init(_ kind: Kind, file: String, keyPath: String? = nil, problem: String, remedy: String? = nil) {
        self.kind = kind
        self.file = file
        self.keyPath = keyPath
        self.problem = problem
        self.remedy = remedy ?? Self.defaultRemedy(kind, file: file)
    }

    public var description: String {
        let location = [file, keyPath].compactMap { $0 }.joined(separator: ": ")
        return "\(location): \(problem). \(remedy)"
    }

    private static func defaultRemedy(_ kind: Kind, file: String) -> String {
        switch kind {
        case .unreadable:
            "Make it a readable file, or delete it and re-record with `make rebaseline`."
        case .malformed, .invalid:
            // `make rebaseline` refuses such a file (it would lose the other entries): never advise it here.
            "Fix the file (see `git diff`), or restore it: `git checkout -- \(file)`."
        case .otherFormat:
            "Re-record it with `make rebaseline`: it replaces a file of another format (git keeps the old one)."
        case .unwritable:
            "Nothing was changed. Check the directory's permissions and free space, then re-run."
        }
    }
}
