/// The refresh tokens the emulated Entra ID knows: the valid ones and those superseded by a
/// rotation (which answer AADSTS700082, as an expired refresh token does).
struct RefreshTokenLedger: Sendable {
    /// Whether each refresh returns a new refresh token and supersedes the one sent.
    let rotates: Bool
    private(set) var valid: Set<String>
    private(set) var superseded: Set<String> = []
    private var issued = 0

    init(initial: String, rotates: Bool) {
        self.rotates = rotates
        valid = [initial]
    }

    /// What the token endpoint makes of `token`.
    func check(_ token: String) -> RefreshCheck {
        if valid.contains(token) { return .valid }
        return superseded.contains(token) ? .superseded : .unknown
    }

    /// The refresh token returned by a successful refresh with `token`: a new one when rotating
    /// (and `token` is superseded), otherwise `token` itself.
    mutating func rotate(_ token: String) -> String {
        guard rotates else { return token }
        let next = mint()
        valid.remove(token)
        superseded.insert(token)
        valid.insert(next)
        return next
    }

    /// A new valid refresh token, as an operator's new consent would give.
    mutating func mint() -> String {
        issued += 1
        let next = "0.AAAA-emulator-rotated-\(issued)-\(UInt64.random(in: 0...UInt64.max))"
        valid.insert(next)
        return next
    }
}
