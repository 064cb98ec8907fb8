import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads secret files: resolves relative names against `$CREDENTIALS_DIRECTORY` (systemd
/// `LoadCredential=`), trims surrounding whitespace, rejects missing/unreadable/empty/oversized
/// files and warns about files readable by group or others.
struct SecretFileReader {
    /// Largest accepted secret file.
    static let maxBytes = 64 * 1_024

    /// `$CREDENTIALS_DIRECTORY`, if set and non-empty.
    let credentialsDirectory: String?
    /// Directory relative names are resolved against when `$CREDENTIALS_DIRECTORY` is not set.
    let baseDirectory: String

    /// The absolute path for a configured file name.
    func resolve(_ name: String) -> String {
        if name.hasPrefix("/") { return name }
        return ((credentialsDirectory ?? baseDirectory) as NSString).appendingPathComponent(name)
    }

    /// Reads the secret for `key` (e.g. `partner_center.client_secret_file`) from `path`.
    ///
    /// Problems go to `issues`; returns nil when the secret cannot be used.
    func load(path: String, key: [String], issues: IssueCollector) -> Secret? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT {
                issues.error(.unreadableSecret, key, Self.missingFileMessage(path: path, key: key))
            } else {
                issues.error(.unreadableSecret, key, "cannot open secret file \(path): \(Self.errnoText())")
            }
            return nil
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            issues.error(.unreadableSecret, key, "cannot stat secret file \(path): \(Self.errnoText())")
            return nil
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            issues.error(.unreadableSecret, key, "secret file \(path) is not a regular file")
            return nil
        }
        guard Int(status.st_size) <= Self.maxBytes else {
            issues.error(.unreadableSecret, key, "secret file \(path) is larger than \(Self.maxBytes) bytes")
            return nil
        }
        if status.st_mode & 0o077 != 0 {
            let mode = String(status.st_mode & 0o777, radix: 8)
            issues.warning(.insecureSecretFile, key,
                           "secret file \(path) is readable by group/others (mode \(mode)); run chmod 600 \(path)")
        }
        guard let bytes = Self.readAll(descriptor) else {
            issues.error(.unreadableSecret, key, "cannot read secret file \(path): \(Self.errnoText())")
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            issues.error(.unreadableSecret, key, "secret file \(path) is not valid UTF-8 text")
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            issues.error(.unreadableSecret, key, "secret file \(path) is empty")
            return nil
        }
        return Secret(trimmed, origin: path)
    }

    /// What to do about a secret file that does not exist: where systemd would take it from, and
    /// how to check the rest of the configuration without it.
    static func missingFileMessage(path: String, key: [String]) -> String {
        let name = key.last.map { $0.hasSuffix("_file") ? String($0.dropLast(5)) : $0 } ?? "secret"
        return "secret file \(path) does not exist. Under systemd the unit's LoadCredential=\(name):/etc/billing-sync/\(name) "
            + "copies /etc/billing-sync/\(name) (root:root 0600) into $CREDENTIALS_DIRECTORY for the daemon; "
            + "create that file, or check everything else with `billing-sync check-config --skip-secrets`"
    }

    /// Reads up to `maxBytes` from `descriptor`; nil on a read error (errno set).
    private static func readAll(_ descriptor: Int32) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: maxBytes)
        var total = 0
        while total < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            total += count
        }
        return Array(bytes[..<total])
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
