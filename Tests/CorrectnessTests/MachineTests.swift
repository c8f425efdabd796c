import Synchronization
import Testing
@testable import Runners
@testable import Workloads

/// The machine the process has: its CPUs and its quota, as every model, promise and report counts them.
@Suite("the machine this process has")
struct MachineTests {
    func machine(_ cpus: [Int], online: Int = 4, quota: Double? = nil) -> Machine {
        Machine(allowedCPUs: cpus, onlineCPUs: online, quota: quota, quotaSource: quota.map { _ in "/q/cpu.max" })
    }

    @Test("cores are the allowed CPUs, capped by the quota rounded up, at least one")
    func cores() {
        #expect(machine([0, 1, 2, 3]).cores == 4)
        #expect(machine([1, 3]).cores == 2)
        #expect(machine([0, 1, 2, 3], quota: 1).cores == 1)
        #expect(machine([0, 1, 2, 3], quota: 1.5).cores == 2)
        #expect(machine([0, 1], quota: 0.5).cores == 1)
        #expect(machine([0, 1], quota: 8).cores == 2)
    }

    @Test("the report line says how many cores and what limits them")
    func summary() {
        #expect(machine([0, 1, 2, 3]).summary == "4 cores (CPUs 0-3)")
        #expect(machine([0]).summary == "1 core (CPU 0 of 4 online, affinity mask)")
        #expect(machine([0, 1, 2, 3], quota: 1).summary == "1 core (CPUs 0-3, quota 1.0 CPU: /q/cpu.max)")
        #expect(Machine.ranges([0, 1, 2, 5, 7, 8]) == "0-2,5,7-8")
    }

    @Test("cgroup v2's cpu.max: max is no quota, a pair is CPUs per period")
    func cpuMax() {
        #expect(Machine.v2Quota("max 100000\n") == nil)
        #expect(Machine.v2Quota("50000 100000\n") == 0.5)
        #expect(Machine.v2Quota("200000 100000") == 2)
        #expect(Machine.v2Quota("garbage") == nil)
    }

    @Test("under a quota below its CPUs, a thread is confined to the quota's cores; without one, nothing changes")
    func confinement() throws {
        let allowed = Machine.affinity()
        // On a thread of its own: the mask stays with the thread (and what it starts), not with the test's pool.
        final class Slot: Sendable { let cpus = Mutex<[Int]>([]) }
        func onThread(_ body: @escaping @Sendable () -> [Int]) throws -> [Int] {
            let slot = Slot()
            try JoinableThread(name: "machine-test") { slot.cpus.withLock { $0 = body() } }.join()
            return slot.cpus.withLock { $0 }
        }
        let quota = machine(allowed, quota: 1)
        let confined = try onThread {
            let returned = quota.confinedToQuota()
            return returned.allowedCPUs == Machine.affinity() ? returned.allowedCPUs : [-1]
        }
        #expect(confined == Array(allowed.prefix(1)), "the thread's mask is the machine it returned: the first CPU")
        let unlimited = machine(allowed)
        let kept = try onThread { unlimited.confinedToQuota().allowedCPUs == Machine.affinity() ? [1] : [0] }
        #expect(kept == [1], "no quota: the mask is left as it was")
        #expect(Machine.affinity() == allowed, "the test's own thread keeps its mask")
    }
}
