import SteadyModel
import Synchronization

/// Outbox items the pipeline has just built, handed to the ``OutboxService`` in memory so the first attempt
/// neither waits for a store read nor for the flush's transaction (each item carries the ``CommitGate`` the outbox
/// awaits before saving a result). The store stays the source of truth: items left here when the process stops
/// are read back from it like any other due item.
///
/// Every item is attempted by one task at a time: ids being attempted are "in flight", and items the store
/// returns while they are queued here or in flight are dropped from the store's answer.
final class OutboxHandoff: Sendable {
    private struct State {
        var queued: [Handed] = []
        var queuedIDs: Set<String> = []
        var inFlight: Set<String> = []
    }

    /// An item and whether (or when) its row is committed.
    struct Handed: Sendable {
        var item: OutboxItem
        var committed: CommitGate
    }

    private let state = Mutex(State())
    /// Signalled when items are handed over; the outbox service sleeps on it between drains.
    let wake: WakeSignal
    /// Signalled when the last attempt in flight finishes (a stopping outbox waits on it).
    let settled = WakeSignal()

    init(wake: WakeSignal) {
        self.wake = wake
    }

    /// Queues items for their first attempt and wakes the outbox; `committed` opens when their rows are stored.
    func hand(_ items: [OutboxItem], committed: CommitGate = .committed) {
        guard !items.isEmpty else { return }
        state.withLock { state in
            for item in items where !state.inFlight.contains(item.id) && state.queuedIDs.insert(item.id).inserted {
                state.queued.append(Handed(item: item, committed: committed))
            }
        }
        wake.signal()
    }

    /// `items` as the one item to attempt at once, now in flight, when it is alone and nothing else is queued or
    /// in flight (the outbox is idle); nil otherwise, and then nothing changed.
    func takeLone(_ items: [OutboxItem], committed: CommitGate) -> Handed? {
        guard items.count == 1, let item = items.first else { return nil }
        return state.withLock { state -> Handed? in
            guard state.queued.isEmpty, state.inFlight.isEmpty else { return nil }
            state.inFlight.insert(item.id)
            return Handed(item: item, committed: committed)
        }
    }

    /// The queued items, now in flight.
    func take() -> [Handed] {
        state.withLock { state in
            let items = state.queued
            state.queued = []
            state.queuedIDs = []
            state.inFlight.formUnion(items.map(\.item.id))
            return items
        }
    }

    /// The items of a store read that nobody attempts yet, now in flight (a queued copy is dropped: the store's
    /// version is the one attempted).
    func claim(_ items: [OutboxItem]) -> [Handed] {
        state.withLock { state in
            var claimed: [Handed] = []
            for item in items where state.inFlight.insert(item.id).inserted {
                if state.queuedIDs.remove(item.id) != nil { state.queued.removeAll { $0.item.id == item.id } }
                claimed.append(Handed(item: item, committed: .committed))
            }
            return claimed
        }
    }

    /// The attempt of `id` is over (its new state is stored).
    func finish(_ id: String) {
        let idle = state.withLock { state in
            state.inFlight.remove(id)
            return state.inFlight.isEmpty
        }
        if idle { settled.signal() }
    }

    var inFlightCount: Int { state.withLock { $0.inFlight.count } }
}
