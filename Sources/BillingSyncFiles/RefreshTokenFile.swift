#if canImport(Glibc)
import Glibc
#endif
import BillingSyncStore
import Foundation
import PartnerCenterClient

/// The rotated refresh token kept in the state directory beside the database
/// (`<db>.refresh-token`, mode 0600, written atomically with `fsync`), so a restart continues
/// the chain of tokens Entra ID hands out instead of going back to the credential file.
///
/// The file records the SHA-256 of the operator's credential the chain began with: when the
/// operator replaces the credential (new consent), its token wins and the kept one is ignored.
/// `billing-sync status` shows when the token was last rotated from the file's modification
/// time, which needs no permission on the file itself, so reporting users never read the token.
public struct RefreshTokenFile: RefreshTokenStore, Equatable {
    /// Entra ID expires a refresh token after this long without use.
    public static let inactivityLifetime: TimeInterval = 90 * 86_400
    /// From this age on, health and `status` warn that the token is close to expiring.
    public static let warningAge: TimeInterval = 76 * 86_400

    /// The file's path.
    public let path: String

    /// The token file for a database path: `<db>.refresh-token`.
    public init(databasePath: String) {
        path = databasePath + ".refresh-token"
    }

    private struct Content: Codable {
        var refreshToken: String
        var credentialSHA256: String
        var refreshedAt: Date
    }

    public func newest(descendingFrom credential: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let content = try? decoder.decode(Content.self, from: data),
              content.credentialSHA256 == Self.fingerprint(credential) else { return nil }
        return content.refreshToken
    }

    public func save(_ token: String, descendingFrom credential: String) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Content(refreshToken: token, credentialSHA256: Self.fingerprint(credential),
                                              refreshedAt: Date()))
        try AtomicFile.write(data, to: path, mode: 0o600)
    }

    /// When the kept token was last rotated (the file's modification time); nil without a file.
    /// Needs only search permission on the directory, not read permission on the file.
    public func lastRefreshed() -> Date? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec) + TimeInterval(status.st_mtim.tv_nsec) / 1e9)
    }

    /// A warning when the kept token was last used so long ago that Entra ID may soon expire it.
    public static func expiryWarning(lastRefreshed: Date, now: Date = Date()) -> String? {
        let age = now.timeIntervalSince(lastRefreshed)
        guard age >= warningAge else { return nil }
        let left = max(0, Int((inactivityLifetime - age) / 86_400))
        return "the refresh token was last used \(Int(age / 86_400)) days ago; Entra ID expires it after 90 days "
            + "without use (about \(left) days left): start the daemon, or renew consent (README: credential renewal)"
    }

    static func fingerprint(_ credential: String) -> String {
        ContentHash.sha256Hex(Array(credential.utf8))
    }
}
