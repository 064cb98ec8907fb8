/// The version printed by `billing-sync --version` and exported as `billing_sync_build_info{version=…}`.
public enum BillingSyncVersion {
    /// The release version.
    public static let current = "0.1.0"
}
