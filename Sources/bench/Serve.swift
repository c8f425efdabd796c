import Workloads

/// `bench serve`: the delay server alone, in the foreground, until Ctrl-C.
enum Serve {
    static func run(port: Int) -> Int32 {
        do {
            let server = try DelayServer(port: port)
            print("delay server listening on \(server.baseURL) (GET /delay/{seconds}, /get); Ctrl-C stops it")
            server.waitUntilStopped()
            return 0
        } catch {
            Progress.warn("bench serve: \(error)")
            return 1
        }
    }
}
