import Foundation
import SteadyModel

/// A line chart drawn as inline SVG: one polyline per series (broken where values are missing), a y axis from 0 to
/// a round maximum with four gridlines, and UTC time labels on the x axis.
struct SVGChart: Sendable {
    struct Series: Sendable {
        var name: String
        var color: String
        /// One value per entry of ``SVGChart/times``; nil where unknown.
        var values: [Double?]
    }

    var title: String
    var start: WallInstant
    var end: WallInstant
    var times: [WallInstant]
    var series: [Series]
    var formatValue: @Sendable (Double) -> String

    var width = 760.0
    var height = 220.0
    private let left = 70.0
    private let right = 14.0
    private let top = 26.0
    private let bottom = 26.0

    init(
        title: String, start: WallInstant, end: WallInstant, times: [WallInstant], series: [Series],
        formatValue: @escaping @Sendable (Double) -> String
    ) {
        self.title = title
        self.start = start
        self.end = end
        self.times = times
        self.series = series
        self.formatValue = formatValue
    }

    func render() -> String {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let maxValue = series.flatMap(\.values).compactMap { $0 }.filter(\.isFinite).max() ?? 0
        let yMax = Self.niceCeiling(maxValue)
        let span = max(1, Double(start.duration(to: end).nanoseconds))

        func x(_ instant: WallInstant) -> Double {
            left + Double(start.duration(to: instant).nanoseconds) / span * plotWidth
        }
        func y(_ value: Double) -> Double {
            top + plotHeight - min(max(value / yMax, 0), 1) * plotHeight
        }

        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" \
            role="img" aria-label="\(HTML.escape(title))" xmlns="http://www.w3.org/2000/svg">
            <title>\(HTML.escape(title))</title>
            <text x="\(coordinate(left))" y="16" class="chart-title">\(HTML.escape(title))</text>

            """
        // y axis: gridlines and labels
        for tick in 0...4 {
            let value = yMax * Double(tick) / 4
            let position = y(value)
            svg += """
                <line x1="\(coordinate(left))" y1="\(coordinate(position))" x2="\(coordinate(width - right))" \
                y2="\(coordinate(position))" class="grid"/>
                <text x="\(coordinate(left - 6))" y="\(coordinate(position + 4))" text-anchor="end" class="axis">\
                \(HTML.escape(formatValue(value)))</text>

                """
        }
        // x axis: time labels
        for tick in Self.timeTicks(start: start, end: end) {
            let position = x(tick)
            let label = start.duration(to: end) > .seconds(86_400) ? Format.monthDay(tick) : Format.clock(tick)
            svg += """
                <line x1="\(coordinate(position))" y1="\(coordinate(top + plotHeight))" x2="\(coordinate(position))" \
                y2="\(coordinate(top + plotHeight + 4))" class="tick"/>
                <text x="\(coordinate(position))" y="\(coordinate(height - 8))" text-anchor="middle" class="axis">\
                \(HTML.escape(label))</text>

                """
        }
        svg += """
            <line x1="\(coordinate(left))" y1="\(coordinate(top + plotHeight))" x2="\(coordinate(width - right))" \
            y2="\(coordinate(top + plotHeight))" class="axis-line"/>

            """
        // series
        var hasData = false
        for line in series {
            for run in Self.runs(times: times, values: line.values) {
                hasData = true
                if run.count == 1 {
                    svg += """
                        <circle cx="\(coordinate(x(run[0].0)))" cy="\(coordinate(y(run[0].1)))" r="2" \
                        fill="\(HTML.escape(line.color))"/>

                        """
                } else {
                    let points = run.map { "\(coordinate(x($0.0))),\(coordinate(y($0.1)))" }.joined(separator: " ")
                    svg += """
                        <polyline points="\(points)" fill="none" stroke="\(HTML.escape(line.color))" \
                        stroke-width="1.5" stroke-linejoin="round"/>

                        """
                }
            }
        }
        if !hasData {
            svg += """
                <text x="\(coordinate(left + plotWidth / 2))" y="\(coordinate(top + plotHeight / 2))" \
                text-anchor="middle" class="empty">no data</text>

                """
        }
        // legend
        if series.count > 1 {
            var legendX = width - right
            for line in series.reversed() {
                let labelWidth = Double(line.name.count) * 7 + 22
                legendX -= labelWidth
                svg += """
                    <rect x="\(coordinate(legendX))" y="8" width="10" height="10" fill="\(HTML.escape(line.color))"/>
                    <text x="\(coordinate(legendX + 14))" y="17" class="axis">\(HTML.escape(line.name))</text>

                    """
            }
        }
        svg += "</svg>"
        return svg
    }

    /// Consecutive finite values as (time, value) runs.
    static func runs(times: [WallInstant], values: [Double?]) -> [[(WallInstant, Double)]] {
        var runs: [[(WallInstant, Double)]] = []
        var current: [(WallInstant, Double)] = []
        for (time, value) in zip(times, values) {
            if let value, value.isFinite {
                current.append((time, value))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ that is ≥ `value` (1 for zero or less), so gridlines land on round numbers.
    static func niceCeiling(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * magnitude >= value * (1 - 1e-12) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// Round UTC instants between `start` and `end`, at most eight.
    static func timeTicks(start: WallInstant, end: WallInstant) -> [WallInstant] {
        let span = start.duration(to: end)
        guard span > .zero else { return [] }
        let candidates: [Duration] = [
            .seconds(300), .seconds(600), .seconds(900), .seconds(1800), .seconds(3600), .seconds(7200),
            .seconds(10_800), .seconds(21_600), .seconds(43_200), .seconds(86_400), .seconds(172_800),
        ]
        let interval = candidates.first { span / $0 <= 7 } ?? .seconds(172_800)
        var tick = start.truncated(to: interval)
        if tick < start { tick = tick.advanced(by: interval) }
        var ticks: [WallInstant] = []
        while tick <= end, ticks.count < 8 {
            ticks.append(tick)
            tick = tick.advanced(by: interval)
        }
        return ticks
    }

    private func coordinate(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
