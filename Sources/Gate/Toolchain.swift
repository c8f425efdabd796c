/// The compiler and build configuration this module was built with.
public enum Toolchain {
    /// The compiler (major.minor): instruction counts compare only within one.
    public static var swiftVersion: String {
        #if compiler(>=7.0)
        return "7.0+"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// `"debug"` or `"release"`: debug builds run several times slower, so they get their own baselines.
    public static var configuration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }
}
