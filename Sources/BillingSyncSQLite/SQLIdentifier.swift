/// SQL identifiers (table and column names), which cannot be bound as parameters.
public enum SQLIdentifier {
    /// `name` double-quoted, with inner quotes doubled: safe to splice into SQL. Use it only for
    /// names that come from the schema (`sqlite_schema`, `pragma_table_info`) or the code.
    public static func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
