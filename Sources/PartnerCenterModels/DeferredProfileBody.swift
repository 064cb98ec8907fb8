import Foundation
import Synchronization

/// The bytes of a billing profile kept unparsed (`BillingProfile(unparsed:)`), parsed once on
/// first use. Copies of the profile share this box, possibly across tasks: the parse and its
/// result are held under a lock.
final class DeferredProfileBody: Sendable {
    /// The body as received.
    let data: Data
    private let outcome = Mutex<Result<JSONValue, ModelDecodingError>?>(nil)

    init(_ data: Data) {
        self.data = data
    }

    /// True once the bytes were parsed (whatever the result).
    var isParsed: Bool {
        outcome.withLock { $0 != nil }
    }

    /// The parsed resource, or why the bytes are not a billing profile; parsed on the first call.
    func parse() -> Result<JSONValue, ModelDecodingError> {
        outcome.withLock { cached in
            if let cached { return cached }
            let result = Result { () throws(ModelDecodingError) -> JSONValue in try BillingProfile.parseObject(data) }
            cached = result
            return result
        }
    }
}
