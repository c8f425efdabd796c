import Foundation

/// Reads and writes baseline files: strict reads, atomic writes.
enum BaselineStore {
    /// The file at `path`, or `nil` if there is none.
    ///
    /// - Throws: ``BaselineError`` if it exists but cannot be read or is not a valid baseline.
    static func read(_ path: String) throws(BaselineError) -> BaselineFile? {
        let type: FileAttributeType?
        do {
            type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        } catch {
            if !FileManager.default.fileExists(atPath: path) { return nil }
            throw BaselineError(.unreadable, file: path, problem: "cannot stat: \(error.localizedDescription)")
        }
        // Checked before opening: a FIFO would block `open` for good, a device would never end.
        guard type == .typeRegular else {
            throw BaselineError(.unreadable, file: path, problem: "not a regular file (\(type?.rawValue ?? "unknown type"))")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw BaselineError(.unreadable, file: path, problem: "cannot read: \(error.localizedDescription)")
        }
        guard !data.isEmpty else { throw BaselineError(.malformed, file: path, problem: "the file is empty") }
        // The format first: another version's file fails on its first unknown key otherwise.
        if let format = try? JSONDecoder().decode(Format.self, from: data).format, format != BaselineFile.currentFormat {
            try BaselineFile(configuration: "", benchmarks: [:]).with(format: format).validate(file: path)
        }
        let file: BaselineFile
        do { file = try JSONDecoder().decode(BaselineFile.self, from: data) } catch {
            throw problem(error, in: path)
        }
        try file.validate(file: path)
        return file
    }

    private struct Format: Decodable { var format: Int }

    /// A decoding error in words: the key path and what was wrong there.
    private static func problem(_ error: Error, in path: String) -> BaselineError {
        func keyPath(_ codingPath: [CodingKey]) -> String? {
            guard !codingPath.isEmpty else { return nil }
            return codingPath.map { key in
                if let index = key.intValue { return "[\(index)]" }
                return key.stringValue.contains(".") ? "\"\(key.stringValue)\"" : key.stringValue
            }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return BaselineError(.invalid, file: path, keyPath: keyPath(context.codingPath + [key]), problem: "missing")
        case .typeMismatch(let type, let context)?, .valueNotFound(let type, let context)?:
            return BaselineError(.invalid, file: path, keyPath: keyPath(context.codingPath),
                                 problem: "expected \(type == Double.self ? "a number" : "\(type)")")
        case .dataCorrupted(let context)?:
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return BaselineError(context.codingPath.isEmpty ? .malformed : .invalid, file: path,
                                 keyPath: keyPath(context.codingPath),
                                 problem: context.codingPath.isEmpty
                                    ? "not valid JSON (\(underlying ?? context.debugDescription))" : context.debugDescription)
        default:
            return BaselineError(.malformed, file: path, problem: "\(error)")
        }
    }

    /// Replaces `path` whole (``AtomicFile``): the old file or the new one, never half of one.
    static func write(_ file: BaselineFile, to path: String) throws(BaselineError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(file) } catch {
            throw BaselineError(.unwritable, file: path, problem: "cannot encode: \(error)")
        }
        let text = oneLineArrays(String(decoding: data, as: UTF8.self))
        do throws(AtomicFile.Failure) { try AtomicFile.write(Data(text.utf8), to: path) } catch {
            throw BaselineError(.unwritable, file: path, problem: error.description)
        }
    }

    /// Why a recording could not write into `directory` (or create it), found by creating and removing a
    /// scratch file there, as the write will; nil when it can. Checked before any trial is measured.
    static func unwritable(_ directory: URL) -> String? {
        var existing = directory
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            existing.deleteLastPathComponent()
        }
        let probe = existing.appendingPathComponent(".write-probe-\(getpid())").path
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = errnoText()
            return existing == directory ? "cannot write in it (\(reason))"
                : "cannot create it: \(existing.path) is not writable (\(reason))"
        }
        close(fd)
        unlink(probe)
        return nil
    }

    /// Pretty JSON with every array of numbers on one line, so a re-recording changes a line per metric.
    static func oneLineArrays(_ json: String) -> String {
        var out: [Substring] = []
        var pending: [Substring]?
        for line in json.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if var open = pending {
                if trimmed.hasPrefix("]") {
                    let items = open.dropFirst().map { $0.drop { $0 == " " } }.joined(separator: " ")
                    out.append(open[0] + items + trimmed)
                    pending = nil
                } else if trimmed.first.map({ $0.isNumber || $0 == "-" }) == true {
                    open.append(line)
                    pending = open
                } else {
                    out += open + [line]
                    pending = nil
                }
            } else if line.hasSuffix("[") {
                pending = [line]
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
