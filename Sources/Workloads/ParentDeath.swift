#if canImport(Glibc)
import CLinux
import Glibc
#endif

/// Asks the kernel to kill this process when its parent dies
/// (`PR_SET_PDEATHSIG`), so a `bench` or test run ended by SIGKILL, SIGHUP
/// or a CI timeout leaves no worker burning a core under PID 1.
///
/// The signal follows the parent *thread* that spawned us: runners spawn and
/// reap their children on one thread, which outlives them. If the parent died
/// before the request took effect, we were already adopted: exit now.
public func exitWhenParentDies() {
    #if os(Linux)
    let parent = getppid()
    killWhenParentDies()
    if getppid() != parent || parent == 1 { exit(3) }
    #endif
}

/// The kernel's half of ``exitWhenParentDies()``, for a command a person may
/// also start by hand (`bench once`, `bench sample`: a shell that is PID 1 in
/// a container is a parent too).
public func killWhenParentDies() {
    #if os(Linux)
    _ = kit_set_parent_death_signal(SIGKILL)
    #endif
}
