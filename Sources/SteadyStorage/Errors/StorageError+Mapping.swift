import SQLiteKit

extension StorageError {
    /// Translates a driver error into a ``StorageError``; `operation` names the store method for context.
    static func mapping(_ error: any Error, operation: String) -> StorageError {
        switch error {
        case let error as StorageError:
            return error
        case let error as SQLiteError:
            return mapping(error, operation: operation)
        case let error as DecodingError:
            return .invalidData("\(operation): a stored row could not be decoded: \(error)")
        case let error as EncodingError:
            return .invalidData("\(operation): a value could not be encoded: \(error)")
        default:
            return .database("\(operation): \(error)")
        }
    }

    private static func mapping(_ error: SQLiteError, operation: String) -> StorageError {
        switch error.reason {
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked, .lockedBySharedCache,
            .lockedVirtualTable:
            return .databaseLocked(operation)
        case .constraint, .constraintUniqueFailed, .constraintPrimaryKeyFailed, .constraintUniqueRowIDFailed:
            return .conflict("\(operation): \(error.message)")
        case .constraintNotNullFailed, .constraintCheckFailed, .constraintForeignKeyFailed, .tooBig, .mismatch,
            .range, .constraintStrictDataTypeFailed:
            return .invalidData("\(operation): \(error.message)")
        default:
            return .database("\(operation): \(error.message)")
        }
    }
}
