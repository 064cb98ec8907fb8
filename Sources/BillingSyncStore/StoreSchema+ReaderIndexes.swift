extension StoreSchema {
    /// Version 4: the index that lets a reporting tool page through `current_profiles` by
    /// customer id. With only `customers(removed_at)` SQLite found the customers not removed
    /// through that index and then sorted all of them for `ORDER BY customer_id`: ~100 ms per
    /// 100-row page on a 100k mirror. `(removed_at, id)` gives both the filter and the order
    /// (~1 ms), and makes the old index redundant.
    static let readerIndexesSQL = """
        CREATE INDEX customers_active_by_id ON customers(removed_at, id);
        DROP INDEX customers_removed_at;
        """
}
