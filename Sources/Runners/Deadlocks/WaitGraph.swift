import Synchronization

/// Who holds what and who waits for what, as the parties of a deadlock
/// demonstration say it themselves just before they block. ``DeadlockWatch``
/// reads it to name what is stuck: a cycle of waits (each waits for what the
/// next holds: proof of a deadlock), or every party that started waiting
/// while nothing changed (the one that would wake them cannot run).
public final class WaitGraph: Sendable {
    private struct Party {
        var holds: [String] = []
        var waitsFor: String?
        var started = false
        var done = false
    }

    private struct State {
        var parties: [String: Party] = [:]
        /// Party names in the order they were first named, for stable reports.
        var order: [String] = []
        /// Bumped on every change: the watch's measure of progress.
        var changes = 0

        mutating func update(_ name: String, _ change: (inout Party) -> Void) {
            if parties[name] == nil { order.append(name) }
            change(&parties[name, default: Party()])
            changes += 1
        }
    }

    private let state = Mutex(State())

    public init() {}

    /// Names parties before they start, so a report can say which never did.
    public func expect(_ names: [String]) {
        state.withLock { state in
            for name in names { state.update(name) { _ in } }
        }
    }

    /// `party` is about to block until it gets `resource`.
    public func waits(_ party: String, for resource: String) {
        state.withLock { $0.update(party) { $0.started = true; $0.waitsFor = resource } }
    }

    /// `party` got `resource` (and no longer waits for it).
    public func holds(_ party: String, _ resource: String) {
        state.withLock { $0.update(party) { $0.started = true; $0.waitsFor = nil; $0.holds.append(resource) } }
    }

    /// `party` gave `resource` back. Call before releasing it, so the graph never shows more than is held.
    public func releases(_ party: String, _ resource: String) {
        state.withLock { $0.update(party) { party in party.holds.removeAll { $0 == resource } } }
    }

    /// `party` is running and waits for nothing.
    public func runs(_ party: String) {
        state.withLock { $0.update(party) { $0.started = true; $0.waitsFor = nil } }
    }

    /// `party` has finished.
    public func finished(_ party: String) {
        state.withLock { $0.update(party) { $0.waitsFor = nil; $0.done = true } }
    }

    /// How many changes the graph has seen.
    var changes: Int { state.withLock { $0.changes } }

    /// A cycle of waits, described: "thread 1 holds lock A and waits for lock B, held by thread 2; ...".
    /// Holds are recorded after a resource is taken and removed before it is given back,
    /// so a recorded cycle is a real one.
    func cycle() -> String? {
        state.withLock { state in
            let (parties, order) = (state.parties, state.order)
            func holder(_ resource: String) -> String? {
                order.first { parties[$0]?.holds.contains(resource) == true }
            }
            for start in order {
                var path: [String] = []
                var current = start
                while let resource = parties[current]?.waitsFor, let next = holder(resource) {
                    path.append(current)
                    if next == start {
                        return path.map { name in
                            let party = parties[name]!
                            let waited = party.waitsFor!
                            return "\(name) holds \(party.holds.joined(separator: ", ")) and waits for \(waited)"
                                + ", held by \(holder(waited)!)"
                        }.joined(separator: "; ")
                    }
                    if path.contains(next) { break }
                    current = next
                }
            }
            return nil
        }
    }

    /// When no party runs and at least one waits: what they wait for, and who never
    /// started. Nil while any party runs or none waits.
    func stall() -> String? {
        state.withLock { state in
            let parties = state.order.map { ($0, state.parties[$0]!) }
            let running = parties.filter { $0.1.started && !$0.1.done && $0.1.waitsFor == nil }
            let waiting = parties.filter { !$0.1.done && $0.1.waitsFor != nil }
            guard running.isEmpty, !waiting.isEmpty else { return nil }
            var resources: [String] = []
            for (_, party) in waiting where !resources.contains(party.waitsFor!) { resources.append(party.waitsFor!) }
            var parts = resources.map { resource in
                let names = waiting.filter { $0.1.waitsFor == resource }.map(\.0)
                return "\(Self.listed(names)) \(names.count == 1 ? "waits" : "wait") for \(resource)"
            }
            let unstarted = parties.filter { !$0.1.started }.map(\.0)
            if !unstarted.isEmpty { parts.append("never started: \(Self.listed(unstarted))") }
            return parts.joined(separator: "; ")
        }
    }

    /// "a, b and c"; long lists shortened to "a, b, ... z (26)".
    private static func listed(_ names: [String]) -> String {
        if names.count > 4 { return "\(names[0]), \(names[1]), ... \(names[names.count - 1]) (\(names.count))" }
        if names.count < 2 { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}
