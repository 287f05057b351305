#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
#if canImport(SwiftOverlayShims)
import SwiftOverlayShims  // defines `timespec`'s members for MemberImportVisibility
#endif

/// Reads the standard library's `ContinuousClock` and `SuspendingClock` as attoseconds since their epoch.
///
/// On Linux the Swift runtime's `swift_get_time` reads `CLOCK_BOOTTIME` for the continuous clock and
/// `CLOCK_MONOTONIC` for the suspending one, and builds the instant as `seconds × 10¹⁸ + nanoseconds × 10⁹`
/// attoseconds with no offset (`ContinuousClock.systemEpoch` is zero). Reading the same POSIX clock here gives the
/// same instant on the same epoch, so values from this reader and from `ContinuousClock.now` can be mixed freely
/// (a test brackets one between two of the other); it saves the runtime call and the overflow-checked `Duration`
/// arithmetic. On other platforms it calls the standard library.
@usableFromInline
enum SystemClock {
    /// `ContinuousClock.now`, as the instant's `Duration` value.
    @usableFromInline
    static func continuousNow() -> Duration {
        #if os(Linux) && (canImport(Glibc) || canImport(Musl))
        return Duration(attoseconds: Self.read(CLOCK_BOOTTIME))
        #else
        return unsafeBitCast(ContinuousClock.now, to: Duration.self)
        #endif
    }

    /// `SuspendingClock.now`, as the instant's `Duration` value.
    @usableFromInline
    static func suspendingNow() -> Duration {
        #if os(Linux) && (canImport(Glibc) || canImport(Musl))
        return Duration(attoseconds: Self.read(CLOCK_MONOTONIC))
        #else
        return unsafeBitCast(SuspendingClock.now, to: Duration.self)
        #endif
    }

    #if os(Linux) && (canImport(Glibc) || canImport(Musl))
    @inline(__always)
    private static func read(_ id: clockid_t) -> Int128 {
        var time = timespec()
        clock_gettime(id, &time)
        // tv_sec < 2⁶³ and 0 ≤ tv_nsec < 10⁹: the products fit in an Int128 (as in the standard library's own
        // `Duration(_seconds:nanoseconds:)`), so wrapping arithmetic gives the exact value.
        return Int128(time.tv_sec) &* 1_000_000_000_000_000_000 &+ Int128(time.tv_nsec) &* 1_000_000_000
    }
    #endif
}
