import SteadyModel

/// A minute-aligned instant: 2023-11-14T22:14:00Z.
let baseMinute = WallInstant(secondsSinceEpoch: 1_700_000_040)

/// The start of the `index`-th minute after ``baseMinute``.
func minute(_ index: Int) -> WallInstant { baseMinute.advanced(by: .seconds(60 * index)) }

func bucket(_ le: Double, _ count: Double) -> LatencyBucket { LatencyBucket(upperBound: le, count: count) }
