import Logging
import Synchronization

/// Removes secrets from log text: every registered secret value, plus credential patterns.
///
/// Register the client secret, refresh token and each new access token as soon as they are
/// known (``register(_:)`` is thread-safe). Both log handlers run every message and every
/// metadata value through ``redact(_:)-swift.method`` before writing.
public final class SecretRedactor: Sendable {
    /// The replacement text.
    public static let placeholder = "<redacted>"
    /// The process-wide registry used by the log handlers.
    public static let shared = SecretRedactor()

    /// Secrets shorter than this are not registered: redacting "a" or "1" would mangle every line.
    public static let minimumSecretLength = 6

    private let secrets = Mutex<Set<String>>([])
    /// Each pattern captures the text to keep (group 1) before the secret it matches.
    /// (`Regex` is not `Sendable`; the mutex serialises its use.)
    private let patterns: Mutex<[Regex<(Substring, Substring)>]>

    /// Metadata keys whose values are always secret, whatever they contain.
    public static let sensitiveKeys: Set<String> = [
        "access_token", "refresh_token", "client_secret", "id_token", "authorization", "password", "secret",
    ]

    /// Creates an empty registry with the built-in credential patterns.
    public init() {
        patterns = Mutex([
            // Bearer <token>
            try! Regex(#"(?i)(\bBearer\s+)[^\s"',;]+"#),
            // access_token=…, refresh_token=…, client_secret=… (query strings, form bodies, key=value text)
            try! Regex(#"(?i)(\b(?:access_token|refresh_token|client_secret|id_token)=)[^\s&"',;]+"#),
            // "access_token":"…" and friends in JSON
            try! Regex(#"(?i)("(?:access_token|refresh_token|client_secret|id_token)"\s*:\s*")[^"]*"#),
        ])
    }

    /// Registers a secret value to be replaced wherever it appears; short or empty values are ignored.
    public func register(_ secret: String) {
        guard secret.count >= Self.minimumSecretLength else { return }
        secrets.withLock { _ = $0.insert(secret) }
    }

    /// Forgets a secret (e.g. an expired access token).
    public func unregister(_ secret: String) {
        secrets.withLock { _ = $0.remove(secret) }
    }

    /// `text` with registered secrets and credential patterns replaced by ``placeholder``.
    public func redact(_ text: String) -> String {
        // Longest first, so a secret containing another registered secret is removed whole.
        let known = secrets.withLock { $0 }.sorted { $0.count > $1.count }
        var result = text
        for secret in known where result.contains(secret) {
            result = result.replacing(secret, with: Self.placeholder)
        }
        return patterns.withLock { patterns in
            for pattern in patterns {
                result = result.replacing(pattern) { match in match.output.1 + Self.placeholder }
            }
            return result
        }
    }

    /// Metadata with every string redacted (recursively), and values under ``sensitiveKeys`` replaced whole.
    public func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        var result = Logger.Metadata()
        for (key, value) in metadata {
            result[key] = Self.sensitiveKeys.contains(key.lowercased()) ? .string(Self.placeholder) : redact(value)
        }
        return result
    }

    /// One metadata value, redacted recursively.
    public func redact(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(redact(text))
        case .stringConvertible(let convertible): .string(redact(convertible.description))
        case .array(let values): .array(values.map(redact(_:)))
        case .dictionary(let values): .dictionary(redact(values))
        }
    }
}
