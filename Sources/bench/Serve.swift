#if canImport(Glibc)
import Glibc
#endif
import Workloads

/// `bench serve`: the delay server alone, in the foreground, until Ctrl-C.
enum Serve {
    static func run(port: Int) -> Int32 {
        // Ctrl-C and SIGTERM stop it even when started with SIGINT ignored (a child of a test runner).
        InterruptHandling.install()
        do {
            let server = try DelayServer(port: port)
            print("delay server listening on \(server.baseURL) (GET /delay/{seconds}, /get); Ctrl-C stops it")
            // Unbuffered even when stdout is a file or a pipe: a script waits for this line to learn the port.
            fflush(nil)
            server.waitUntilStopped()
            return 0
        } catch {
            Progress.warn("bench serve: \(error)")
            return 1
        }
    }
}
