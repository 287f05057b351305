import Logging
import SteadyModel
import Synchronization

/// Resolves secrets to stored tokens.
///
/// Valid tokens are cached by hash for ``cacheTTL`` (5 s), so a token deleted through another process (the CLI on
/// the same database) stops working within 5 s; a token deleted through this API stops at once (``invalidate(tokenID:)``).
/// Unknown secrets are never cached. `lastUsedAt` is written at most once per ``touchInterval`` (1 min) per token.
final class TokenAuthenticator: Sendable {
    private struct CachedToken {
        var token: APIToken
        var fetchedAt: WallInstant
    }

    private struct State {
        var cache: [String: CachedToken] = [:]
        var lastTouched: [String: WallInstant] = [:]
    }

    let store: any TokenStore
    let clock: any WallClock
    let cacheTTL: Duration
    let touchInterval: Duration
    let logger: Logger
    private let state = Mutex(State())

    init(
        store: any TokenStore, clock: any WallClock, logger: Logger, cacheTTL: Duration = .seconds(5),
        touchInterval: Duration = .seconds(60)
    ) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.cacheTTL = cacheTTL
        self.touchInterval = touchInterval
    }

    /// The token whose secret this is, or nil.
    func token(forSecret secret: String) async throws -> APIToken? {
        guard !secret.isEmpty, secret.utf8.count <= 512 else { return nil }
        let hash = TokenSecrets.hash(secret)
        let now = clock.now
        let cached = state.withLock { state -> APIToken? in
            guard let entry = state.cache[hash] else { return nil }
            if entry.fetchedAt.duration(to: now) < cacheTTL, entry.fetchedAt <= now { return entry.token }
            state.cache[hash] = nil
            return nil
        }
        let found: APIToken
        if let cached {
            found = cached
        } else {
            guard let stored = try await store.token(secretHash: hash) else { return nil }
            found = stored
            state.withLock { state in
                state.cache = state.cache.filter { $0.value.fetchedAt.duration(to: now) < cacheTTL }
                state.cache[hash] = CachedToken(token: stored, fetchedAt: now)
            }
        }
        await touchIfDue(found, now: now)
        return found
    }

    /// Forgets a deleted token at once.
    func invalidate(tokenID: String) {
        state.withLock { state in
            state.cache = state.cache.filter { $0.value.token.id != tokenID }
            state.lastTouched[tokenID] = nil
        }
    }

    private func touchIfDue(_ token: APIToken, now: WallInstant) async {
        let due = state.withLock { state -> Bool in
            let last = [state.lastTouched[token.id], token.lastUsedAt].compactMap { $0 }.max()
            if let last, last.duration(to: now) < touchInterval, last <= now { return false }
            state.lastTouched[token.id] = now
            return true
        }
        guard due else { return }
        do {
            try await store.touchToken(id: token.id, at: now)
        } catch {
            logger.debug("could not record token use", metadata: ["token_id": .string(token.id), "error": "\(error)"])
        }
    }
}
