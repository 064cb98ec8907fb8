import PartnerCenterModels

extension StoreSchema {
    /// Version 7: a row's seal is withdrawn by the database itself when its sealed values change.
    ///
    /// `billing_profiles_seal_guard` sets `row_seal` to NULL after any `UPDATE` that changes a
    /// sealed value (status, ETag, a field column, `content_hash`, `raw_json`) without writing a
    /// new seal: a hand edit from any connection (the sqlite3 shell, a reporting tool) leaves
    /// the row unsealed, and its next fetch takes the full path that finds the edit. billing-sync's
    /// own saves always write the seal of what they save. So a non-NULL seal now means "not
    /// edited since sealed", and an unchanged re-fetch is recognised in one `UPDATE … WHERE
    /// raw_json = ?` (`WriteTransaction.saveUnchangedSealedFetch`), without reading the row or
    /// hashing it. Seals written before this version are withdrawn once (their rows were not
    /// guarded: a hand edit may be behind one); each is written again at the row's next fetch.
    ///
    /// The trigger names the field columns of `BillingProfileField.all` as they are at version 7;
    /// a later change of the fields must recreate it in its own migration.
    /// Not guarded: a hand `INSERT OR REPLACE` (or an `UPDATE`) that also writes `row_seal`
    /// itself: whoever writes a seal is taken at their word.
    static var sealGuardSQL: String {
        let sealed = ["status", "etag"] + BillingProfileField.all.map(\.column) + ["content_hash", "raw_json"]
        let changed = sealed.map { "NEW.\($0) IS NOT OLD.\($0)" }.joined(separator: " OR ")
        return """
        CREATE TRIGGER billing_profiles_seal_guard
        AFTER UPDATE OF \(sealed.joined(separator: ", ")) ON billing_profiles
        WHEN NEW.row_seal IS NOT NULL AND NEW.row_seal IS OLD.row_seal AND (\(changed))
        BEGIN
            UPDATE billing_profiles SET row_seal = NULL WHERE customer_id = NEW.customer_id;
        END;
        UPDATE billing_profiles SET row_seal = NULL WHERE row_seal IS NOT NULL;
        """
    }
}
