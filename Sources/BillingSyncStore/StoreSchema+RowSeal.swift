extension StoreSchema {
    /// Version 6: `billing_profiles.row_seal`, a hash of what a full save wrote (see
    /// `ProfileSeal`). An unchanged re-fetch whose body equals `raw_json` byte for byte and whose
    /// row still matches its seal is recognised without parsing, flattening or hashing the body.
    /// Rows written before this version have no seal and take the full path once.
    static let rowSealSQL = """
        ALTER TABLE billing_profiles ADD COLUMN row_seal TEXT;
        """
}
