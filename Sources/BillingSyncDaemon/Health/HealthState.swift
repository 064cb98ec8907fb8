import Foundation

/// What the daemon is doing, as shown by `billing-sync status` and in `systemctl status`.
public enum HealthState: Sendable, Hashable {
    /// Started, first sync not finished yet.
    case starting
    /// Syncing normally.
    case healthy
    /// The refresh token or client secret was rejected; an operator must renew it.
    case credentialsExpired
    /// Authenticated, but the account lacks the permission (HTTP 403).
    case forbidden
    /// Partner Center or Entra ID cannot be reached (DNS, TLS, timeouts, 5xx).
    case unreachable
    /// Throttled (HTTP 429) until the given time.
    case rateLimited(until: Date)
    /// Another process holds the SQLite write lock.
    case databaseLocked
    /// Running, but something is wrong; the text says what.
    case degraded(String)
    /// SQLite found the database file damaged (`quick_check` failed, or `SQLITE_CORRUPT` /
    /// `SQLITE_NOTADB` at run time): the daemon stopped writing and waits for an operator.
    case databaseCorrupt

    /// A stable machine-readable code, e.g. `credentials_expired`.
    public var code: String {
        switch self {
        case .starting: "starting"
        case .healthy: "healthy"
        case .credentialsExpired: "credentials_expired"
        case .forbidden: "forbidden"
        case .unreachable: "unreachable"
        case .rateLimited: "rate_limited"
        case .databaseLocked: "database_locked"
        case .degraded: "degraded"
        case .databaseCorrupt: "database_corrupt"
        }
    }

    /// True only for ``healthy``.
    public var isHealthy: Bool { self == .healthy }

    /// One sentence for humans (also sent as the systemd `STATUS=`).
    public var sentence: String {
        switch self {
        case .starting:
            "Starting: the first synchronisation has not finished yet."
        case .healthy:
            "Healthy: billing profiles are being synchronised."
        case .credentialsExpired:
            "Credentials expired: the refresh token or client secret was rejected; renew them and reload the service."
        case .forbidden:
            "Forbidden: the partner account lacks permission for the billing profile API."
        case .unreachable:
            "Unreachable: Partner Center cannot be reached; retrying."
        case .rateLimited(let until):
            "Rate limited by Partner Center until \(until.formatted(Date.ISO8601FormatStyle()))."
        case .databaseLocked:
            "Database locked: another process holds the SQLite write lock; retrying."
        case .degraded(let reason):
            "Degraded: \(reason)" + (reason.hasSuffix(".") ? "" : ".")
        case .databaseCorrupt:
            "Database corrupt: writing stopped; check it with `billing-sync db check`, then restore a backup or `billing-sync db recover` (docs/operations.md)."
        }
    }

    /// Rebuilds a state from its ``code`` and the extra fields a ``HealthSnapshot`` carries; nil for an unknown code.
    public init?(code: String, rateLimitedUntil: Date? = nil, reason: String? = nil) {
        switch code {
        case "starting": self = .starting
        case "healthy": self = .healthy
        case "credentials_expired": self = .credentialsExpired
        case "forbidden": self = .forbidden
        case "unreachable": self = .unreachable
        case "rate_limited":
            guard let rateLimitedUntil else { return nil }
            self = .rateLimited(until: rateLimitedUntil)
        case "database_locked": self = .databaseLocked
        case "degraded": self = .degraded(reason ?? "")
        case "database_corrupt": self = .databaseCorrupt
        default: return nil
        }
    }
}
