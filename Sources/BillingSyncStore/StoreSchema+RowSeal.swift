extension StoreSchema {
    /// Version 6: what lets a re-fetch of an unchanged profile cost little more than its GET.
    ///
    /// - `billing_profiles.row_seal`, a hash of what a full save wrote (see `ProfileSeal`). An
    ///   unchanged re-fetch whose body equals `raw_json` byte for byte and whose row still
    ///   matches its seal is recognised without parsing, flattening or hashing the body. Rows
    ///   written before this version have no seal and take the full path once.
    /// - `customers_fetch_failed`, the customers whose last profile fetch failed: clearing the
    ///   errors of a batch of fetched customers reads this (usually empty) index instead of one
    ///   customer row per fetched profile, a random page each on a large mirror.
    static let rowSealSQL = """
        ALTER TABLE billing_profiles ADD COLUMN row_seal TEXT;
        CREATE INDEX customers_fetch_failed ON customers(id) WHERE fetch_error IS NOT NULL;
        """
}
