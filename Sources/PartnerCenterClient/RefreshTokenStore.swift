/// Where the newest refresh token of an App+User sign-in is kept across restarts.
///
/// Entra ID returns a new refresh token with every refresh; the one the operator provided
/// expires after 90 days without use, so the rotated one must survive a restart. A store keeps
/// each token together with the operator credential it descends from: when the operator
/// replaces the credential (new consent), the store's older chain is ignored.
public protocol RefreshTokenStore: Sendable {
    /// The newest refresh token descended from `credential`, or nil when none is kept (or the
    /// kept one descends from another credential, which the operator has replaced since).
    func newest(descendingFrom credential: String) -> String?
    /// Keeps `token`, obtained by rotation in the chain that began with `credential`.
    func save(_ token: String, descendingFrom credential: String) throws
}
