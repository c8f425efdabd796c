import Glibc

/// `strerror(code)` as a Swift string, e.g. "Connection refused".
func errnoDescription(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// What to do about `code`, when it is this process's own limit on open files
/// (EMFILE) or the system's (ENFILE) and not the peer's fault; nil otherwise.
public func fileLimitAdvice(_ code: Int32) -> String? {
    guard code == EMFILE || code == ENFILE else { return nil }
    var limit = rlimit()
    getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    return code == EMFILE
        ? "this process may have \(limit.rlim_cur) files open at once (`ulimit -n`): raise it, e.g. `ulimit -n 65536`, "
            + "or run fewer jobs at once"
        : "the system's open-file table is full: close other programs or raise fs.file-max"
}
