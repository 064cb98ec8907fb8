/// A credential read from a file (client secret, refresh token).
///
/// The text is only reachable through ``reveal()``: `description`, `debugDescription`,
/// string interpolation, `dump` and `Mirror` all show `<redacted>`, so a secret cannot be
/// logged or printed by accident.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Where the secret was read from (a file path), if known. Not secret itself.
    public let origin: String?

    /// Wraps `value`; `origin` names the file it came from (shown by the effective-configuration printer).
    public init(_ value: String, origin: String? = nil) {
        self.value = value
        self.origin = origin
    }

    /// Returns the secret text. Call only where the value is sent to its consumer (e.g. a token request body).
    public func reveal() -> String { value }

    /// Length of the secret in UTF-8 bytes (safe to print).
    public var byteCount: Int { value.utf8.count }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }

    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }

    /// A mirror without children, so `dump` and reflection cannot reach the value.
    public var customMirror: Mirror { Mirror(self, children: [Mirror.Child](), displayStyle: .struct) }
}
