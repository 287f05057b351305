import SteadyModel

/// Turns the PromQL of imported SLO specs into Steady SLIs: a query that is a plain sum of `rate`/`increase` over
/// one vector selector (`sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))`, with an optional `by (…)`)
/// becomes that selector; anything else stays PromQL (`raw`, for a Prometheus metrics source).
enum PromQLSLIExtractor {
    /// The counter selector a query sums, if it is that simple.
    static func selector(in query: String) -> SeriesSelector? {
        var text = Substring(query.trimmingCharacters(in: " \n\t"))
        // Outer aggregation: sum(...) or sum by (...) (...) or sum(...) by (...).
        guard text.hasPrefix("sum") else { return bareCall(text) }
        text = text.dropFirst(3).drop { $0 == " " }
        if text.hasPrefix("by") || text.hasPrefix("without") {
            guard let close = text.firstIndex(of: ")") else { return nil }
            text = text[text.index(after: close)...].drop { $0 == " " }
        }
        guard text.first == "(", let inner = balanced(text) else { return nil }
        var rest = text.dropFirst(inner.count + 2).drop { $0 == " " }
        if rest.hasPrefix("by") || rest.hasPrefix("without") {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            rest = rest[rest.index(after: close)...].drop { $0 == " " }
        }
        guard rest.isEmpty else { return nil }
        return bareCall(inner)
    }

    /// `rate(SEL[w])` or `increase(SEL[w])` → SEL.
    private static func bareCall(_ text: Substring) -> SeriesSelector? {
        var text = Substring(String(text).trimmingCharacters(in: " \n\t"))
        var matched = false
        for function in ["rate", "increase", "irate"]
        where text.hasPrefix(function + "(") || text.hasPrefix(function + " (") {
            text = text.dropFirst(function.count).drop { $0 == " " }
            matched = true
            break
        }
        guard matched, text.first == "(", let inner = balanced(text),
            text.dropFirst(inner.count + 2).allSatisfy({ $0 == " " })
        else { return nil }
        guard let open = inner.lastIndex(of: "["), inner.hasSuffix("]") else { return nil }
        let selectorText = String(inner[..<open]).trimmingCharacters(in: " \n\t")
        return try? SeriesSelector(parsing: selectorText)
    }

    /// The text inside the parenthesis that opens `text`, honouring nesting and quoted strings.
    private static func balanced(_ text: Substring) -> Substring? {
        guard text.first == "(" else { return nil }
        var depth = 0
        var quote: Character?
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
                continue
            }
            switch character {
            case "\"", "'", "`": quote = character
            case "(", "[", "{": depth += 1
            case ")", "]", "}":
                depth -= 1
                if depth == 0 { return text[text.index(after: text.startIndex)..<index] }
            default: break
            }
        }
        return nil
    }

    /// An SLI from an error (or good) query over a total query.
    static func ratioSLI(errors: String?, good: String?, total: String) -> (SLISpec, warning: String?) {
        let totalSelector = selector(in: total)
        if let errors, let errorSelector = selector(in: errors), let totalSelector {
            return (.ratio(errors: errorSelector, good: nil, total: totalSelector), nil)
        }
        if let good, let goodSelector = selector(in: good), let totalSelector {
            if let latency = latencySLI(good: goodSelector, total: totalSelector) { return (latency, nil) }
            return (.ratio(errors: nil, good: goodSelector, total: totalSelector), nil)
        }
        let numerator = errors.map { "(\($0))" } ?? good.map { "(1 - (\($0))" } ?? "0"
        let query = errors != nil ? "\(numerator) / (\(total))" : "\(numerator) / (\(total)))"
        return (
            .raw(errorRatio: query),
            "the queries are not a sum of rate/increase over one selector; kept as PromQL, which needs the "
                + "Prometheus metrics source"
        )
    }

    /// `x_bucket{le="0.3"}` over `x_count` or `x_bucket{le="+Inf"}` is a latency SLI.
    static func latencySLI(good: SeriesSelector, total: SeriesSelector) -> SLISpec? {
        guard let name = good.metricName, name.hasSuffix("_bucket"),
            let le = good.matchers.first(where: { $0.name == "le" && $0.op == .equal }),
            let threshold = Double(le.value), threshold > 0
        else { return nil }
        let family = String(name.dropLast("_bucket".count))
        let totalName = total.metricName ?? ""
        guard totalName == family + "_count" || totalName == name else { return nil }
        return .latency(
            histogram: SeriesSelector(metricName: family, matchers: good.matchers.filter { $0.name != "le" }),
            thresholdSeconds: threshold)
    }
}
