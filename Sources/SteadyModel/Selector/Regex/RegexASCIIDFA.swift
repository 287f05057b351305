/// A deterministic automaton for the ASCII part of a program, built ahead of time by subset construction.
///
/// ASCII scalars are grouped into classes that every instruction treats alike, so the table has one column per
/// class. Each state remembers its NFA threads: at the first non-ASCII scalar, matching continues in the NFA
/// simulation from there. Programs whose assertions look at neighbouring scalars (`\b`, multi-line `^`/`$`), or
/// whose automaton would exceed `maxStates`, get no DFA.
struct RegexASCIIDFA: Sendable {
    static let maxStates = 512
    static let maxProgramSize = 2_048
    /// Thread visits subset construction may spend before giving up (the NFA then matches alone).
    static let maxWork = 2_000_000

    /// Column of each ASCII scalar.
    private let columnOf: [UInt8]
    private let columns: Int
    /// `transitions[state * columns + column]`; state 0 is dead.
    private let transitions: [UInt16]
    private let accepting: [Bool]
    /// The NFA threads of each state, for the hand-over at a non-ASCII scalar.
    let threads: [[Int32]]
    static let dead: UInt16 = 0
    static let start: UInt16 = 1

    init?(_ program: RegexProgram) {
        guard !program.needsContext, program.instructions.count <= Self.maxProgramSize else { return nil }
        // Columns: ASCII scalars every consuming instruction accepts or rejects alike.
        let consuming = program.instructions.indices.filter { program.isConsuming($0) }
        var columnBySignature: [[Bool]: UInt8] = [:]
        var columnOf = [UInt8](repeating: 0, count: 128)
        var representatives: [UInt32] = []
        for scalar in UInt32(0)..<128 {
            let folded = CaseFolding.fold(scalar)
            let signature = consuming.map { program.consumes($0, scalar, folded: folded) }
            if let column = columnBySignature[signature] {
                columnOf[Int(scalar)] = column
            } else {
                let column = UInt8(representatives.count)
                columnBySignature[signature] = column
                columnOf[Int(scalar)] = column
                representatives.append(scalar)
            }
        }
        let columns = representatives.count

        var set = RegexProgram.ThreadSet(capacity: program.instructions.count)
        var stack: [Int32] = []
        // Threads after closing over `kernel`; a placeholder scalar stands for "not at this end of the text".
        func close(_ kernel: [Int32], atStart: Bool) -> [Int32] {
            set.removeAll()
            for pc in kernel {
                program.addClosure(pc, to: &set, stack: &stack, previous: atStart ? nil : 0, next: 0)
            }
            var result: [Int32] = []
            for position in 0..<set.count {
                let pc = set[position]
                switch program.instructions[Int(pc)] {
                case .split, .jump: break
                default: result.append(pc)
                }
            }
            return result.sorted()
        }
        func accepts(_ threads: [Int32], atStart: Bool) -> Bool {
            set.removeAll()
            for pc in threads {
                program.addClosure(pc, to: &set, stack: &stack, previous: atStart ? nil : 0, next: nil)
            }
            return (0..<set.count).contains { program.instructions[Int(set[$0])] == .match }
        }

        var work = 0
        var threads: [[Int32]] = [[], close([0], atStart: true)]
        var ids: [[Int32]: UInt16] = [[]: Self.dead]
        var transitions = [UInt16](repeating: Self.dead, count: 2 * columns)
        var state = 1
        while state < threads.count {
            for column in 0..<columns {
                let scalar = representatives[column]
                let folded = CaseFolding.fold(scalar)
                let kernel = threads[state].filter { program.consumes(Int($0), scalar, folded: folded) }.map { $0 + 1 }
                work += threads[state].count
                guard !kernel.isEmpty else { continue }
                let target = close(kernel, atStart: false)
                work += target.count
                guard work <= Self.maxWork else { return nil }
                let id: UInt16
                if let existing = ids[target] {
                    id = existing
                } else {
                    guard threads.count < Self.maxStates else { return nil }
                    id = UInt16(threads.count)
                    ids[target] = id
                    threads.append(target)
                    transitions.append(contentsOf: repeatElement(Self.dead, count: columns))
                }
                transitions[state * columns + column] = id
            }
            state += 1
        }
        self.columnOf = columnOf
        self.columns = columns
        self.transitions = transitions
        self.threads = threads
        accepting = threads.indices.map { $0 != 0 && accepts(threads[$0], atStart: $0 == Int(Self.start)) }
    }

    @inline(__always)
    func next(_ state: UInt16, _ ascii: UInt32) -> UInt16 {
        transitions[Int(state) * columns + Int(columnOf[Int(ascii)])]
    }

    func isAccepting(_ state: UInt16) -> Bool { accepting[Int(state)] }
}
