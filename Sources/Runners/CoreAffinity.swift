#if canImport(Glibc)
import Glibc
#endif

/// Pins the calling thread to one core, through `sched_setaffinity` looked
/// up at run time (the Glibc module leaves it out). Linux only; elsewhere,
/// or if the call fails, the thread stays where the scheduler puts it.
enum CoreAffinity {
    private typealias Call = @convention(c) (Int32, Int, UnsafeMutableRawPointer) -> Int32
    private static let setAffinity = dlsym(nil, "sched_setaffinity").map { unsafeBitCast($0, to: Call.self) }

    /// Pins the calling thread to core `index` modulo the cores online.
    static func pin(to index: Int) {
        guard let setAffinity else { return }
        let cpu = index % max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        var mask = [UInt64](repeating: 0, count: 16)  // a cpu_set_t: 1024 bits
        mask[cpu / 64] = 1 << UInt64(cpu % 64)
        _ = mask.withUnsafeMutableBytes { setAffinity(0, $0.count, $0.baseAddress!) }
    }
}
