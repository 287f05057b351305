/// A Thompson NFA compiled from a `RegexNode`: instructions that consume one scalar, branch, or assert.
///
/// `RegexProgram.matches` simulates every thread at once (a Pike VM without captures), so matching takes time
/// proportional to the input length times the program size, whatever the pattern: there is no backtracking.
struct RegexProgram: Sendable {
    enum Instruction: Sendable, Equatable {
        case scalar(UInt32)
        /// A scalar whose case-folded form is the payload.
        case folded(UInt32)
        /// A scalar in `classes[index]`.
        case set(Int32)
        case any
        case split(Int32, Int32)
        case jump(Int32)
        case assertion(RegexAssertion)
        case match
    }

    /// Limits the work a pattern can ask for per input scalar (RE2 has a similar program-size limit).
    static let maxInstructions = 20_000

    private(set) var instructions: [Instruction] = []
    private(set) var classes: [RegexCharClass] = []
    /// Whether an assertion looks at the scalars around it (`\b`, `\B`, or `^`/`$` with the `m` flag).
    private(set) var needsContext = false
    private(set) var hasFolding = false
    private var classIndex: [Int: Int32] = [:]

    init(_ node: RegexNode) throws(RegexParser.Failure) {
        guard Self.size(of: node) < Self.maxInstructions else {
            throw RegexParser.Failure(reason: "expression too large")
        }
        emit(node)
        instructions.append(.match)
    }

    /// Whether instruction `pc` consumes `scalar` (`folded` is its case-folded form).
    @inline(__always)
    func consumes(_ pc: Int, _ scalar: UInt32, folded: UInt32) -> Bool {
        switch instructions[pc] {
        case .scalar(let expected): scalar == expected
        case .folded(let expected): folded == expected
        case .set(let index): classes[Int(index)].contains(scalar)
        case .any: true
        case .split, .jump, .assertion, .match: false
        }
    }

    func isConsuming(_ pc: Int) -> Bool {
        switch instructions[pc] {
        case .scalar, .folded, .set, .any: true
        case .split, .jump, .assertion, .match: false
        }
    }

    // MARK: - Compilation

    /// The number of instructions `node` compiles to, saturating instead of overflowing.
    private static func size(of node: RegexNode) -> Int {
        let cap = maxInstructions * 2
        switch node {
        case .empty: return 0
        case .scalar, .foldedScalar, .set, .anyScalar, .assertion: return 1
        case .concatenation(let items): return min(cap, items.reduce(0) { min(cap, $0 + size(of: $1)) })
        case .alternation(let branches):
            return min(cap, branches.reduce(2 * (branches.count - 1)) { min(cap, $0 + size(of: $1)) })
        case .repetition(let operand, let low, let high):
            let single = size(of: operand)
            let required = low * single
            let optional: Int
            if let high {
                optional = (high - low) * (single + 1)
            } else {
                optional = low == 0 ? single + 2 : 1
            }
            return min(cap, required + optional)
        }
    }

    private var pc: Int32 { Int32(instructions.count) }

    private mutating func append(_ instruction: Instruction) -> Int {
        instructions.append(instruction)
        return instructions.count - 1
    }

    private mutating func emit(_ node: RegexNode) {
        switch node {
        case .empty:
            break
        case .scalar(let scalar):
            _ = append(.scalar(scalar))
        case .foldedScalar(let scalar):
            hasFolding = true
            _ = append(.folded(scalar))
        case .set(let set):
            if set.foldCase { hasFolding = true }
            // A class repeated by `{n}` is compiled n times but stored (and evaluated per scalar) once.
            let index: Int32
            if let known = classIndex[set.id] {
                index = known
            } else {
                classes.append(set)
                index = Int32(classes.count - 1)
                classIndex[set.id] = index
            }
            _ = append(.set(index))
        case .anyScalar:
            _ = append(.any)
        case .assertion(let assertion):
            switch assertion {
            case .beginText, .endText: break
            case .beginLine, .endLine, .wordBoundary, .notWordBoundary: needsContext = true
            }
            _ = append(.assertion(assertion))
        case .concatenation(let items):
            for item in items { emit(item) }
        case .alternation(let branches):
            var exits: [Int] = []
            for branch in branches.dropLast() {
                let split = append(.split(pc + 1, 0))
                emit(branch)
                exits.append(append(.jump(0)))
                instructions[split] = .split(Int32(split + 1), pc)
            }
            emit(branches[branches.count - 1])
            for exit in exits { instructions[exit] = .jump(pc) }
        case .repetition(let operand, let low, let high):
            emitRepetition(operand, low: low, high: high)
        }
    }

    private mutating func emitRepetition(_ operand: RegexNode, low: Int, high: Int?) {
        guard let high else {
            if low == 0 {
                // loop: split body, out; body; jump loop
                let loop = append(.split(0, 0))
                emit(operand)
                _ = append(.jump(Int32(loop)))
                instructions[loop] = .split(Int32(loop + 1), pc)
            } else {
                for _ in 0..<(low - 1) { emit(operand) }
                let body = pc
                emit(operand)
                _ = append(.split(body, pc + 1))
            }
            return
        }
        for _ in 0..<low { emit(operand) }
        // x{0,n}: (x(x(x)?)?)?, every skip going to the common end.
        var skips: [Int] = []
        for _ in 0..<(high - low) {
            skips.append(append(.split(0, 0)))
            emit(operand)
        }
        for skip in skips { instructions[skip] = .split(Int32(skip + 1), pc) }
    }
}
