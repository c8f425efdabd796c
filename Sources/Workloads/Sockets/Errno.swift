import Glibc

/// `strerror(code)` as a Swift string, e.g. "Connection refused".
func errnoDescription(_ code: Int32) -> String {
    String(cString: strerror(code))
}
