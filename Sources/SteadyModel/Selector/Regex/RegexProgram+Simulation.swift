extension RegexProgram {
    /// A set of instruction indices with constant-time insert, lookup and clear (a sparse set).
    struct ThreadSet {
        private(set) var dense: [Int32]
        private var sparse: [Int32]
        private(set) var count = 0

        init(capacity: Int) {
            dense = Array(repeating: 0, count: capacity)
            sparse = Array(repeating: 0, count: capacity)
        }

        @inline(__always)
        func contains(_ pc: Int32) -> Bool {
            let slot = Int(sparse[Int(pc)])
            return slot < count && dense[slot] == pc
        }

        @inline(__always)
        mutating func insert(_ pc: Int32) {
            sparse[Int(pc)] = Int32(count)
            dense[count] = pc
            count += 1
        }

        mutating func removeAll() { count = 0 }

        subscript(position: Int) -> Int32 { dense[position] }
    }

    /// Adds `pc` and everything reachable from it without consuming a scalar, between `previous` and `next`
    /// (nil at the ends of the text). Assertions that do not hold stay in the set, unfollowed.
    func addClosure(_ pc: Int32, to set: inout ThreadSet, stack: inout [Int32], previous: UInt32?, next: UInt32?) {
        stack.append(pc)
        while let pc = stack.popLast() {
            guard !set.contains(pc) else { continue }
            set.insert(pc)
            switch instructions[Int(pc)] {
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertion(let assertion):
                if assertion.holds(previous: previous, next: next) { stack.append(pc + 1) }
            case .scalar, .folded, .set, .any, .match:
                break
            }
        }
    }

    /// Whether the program matches all of `scalars`.
    ///
    /// `threads` are the states to start from (already closed); nil starts at the beginning of the program.
    /// `previous` is the scalar before `scalars` (nil at the start of the text).
    func matches(
        _ scalars: Substring.UnicodeScalarView, from threads: [Int32]? = nil, previous: UInt32? = nil
    ) -> Bool {
        var current = ThreadSet(capacity: instructions.count)
        var next = ThreadSet(capacity: instructions.count)
        var stack: [Int32] = []
        var iterator = scalars.makeIterator()
        var upcoming = iterator.next()?.value
        if let threads {
            for pc in threads { addClosure(pc, to: &current, stack: &stack, previous: previous, next: upcoming) }
        } else {
            addClosure(0, to: &current, stack: &stack, previous: previous, next: upcoming)
        }
        // Each class is evaluated at most once per scalar, however many threads wait on it (0: not yet).
        var classAnswers = [Int8](repeating: 0, count: classes.count)
        while let scalar = upcoming {
            let following = iterator.next()?.value
            let folded = hasFolding ? CaseFolding.fold(scalar) : scalar
            if !classAnswers.isEmpty {
                for index in classAnswers.indices { classAnswers[index] = 0 }
            }
            for position in 0..<current.count {
                let pc = current[position]
                let consumed: Bool
                if case .set(let index) = instructions[Int(pc)] {
                    if classAnswers[Int(index)] == 0 {
                        classAnswers[Int(index)] = classes[Int(index)].contains(scalar) ? 1 : -1
                    }
                    consumed = classAnswers[Int(index)] == 1
                } else {
                    consumed = consumes(Int(pc), scalar, folded: folded)
                }
                if consumed {
                    addClosure(pc + 1, to: &next, stack: &stack, previous: scalar, next: following)
                }
            }
            guard next.count > 0 else { return false }
            swap(&current, &next)
            next.removeAll()
            upcoming = following
        }
        for position in 0..<current.count where instructions[Int(current[position])] == .match { return true }
        return false
    }
}
