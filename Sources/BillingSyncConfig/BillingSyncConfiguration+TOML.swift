internal import TOMLKit

extension BillingSyncConfiguration {
    /// The valid top-level sections.
    static let sectionNames = ["database", "partner_center", "sync", "push", "azure", "logging", "metrics"]

    /// Decodes a parsed document, reporting every problem to `issues` (defaults stand in for bad values).
    init(decoding root: TOMLTable, issues: IssueCollector) {
        for key in root.keys where !Self.sectionNames.contains(key) {
            let hint = KeySuggestion.nearest(to: key, among: Self.sectionNames).map { "; did you mean \"\($0)\"?" }
                ?? "; valid sections: \(Self.sectionNames.joined(separator: ", "))"
            issues.error(.unknownKey, [key], "unknown section [\(key)]" + hint)
        }
        func reader(_ name: String) -> SectionReader {
            let value = root[name]
            if let value, value.table == nil {
                issues.error(.wrongType, [name], "expected a table [\(name)], got \(SectionReader.describe(value))")
            }
            return SectionReader(name: name, table: value?.table, issues: issues)
        }
        let readers = Dictionary(uniqueKeysWithValues: Self.sectionNames.map { ($0, reader($0)) })
        self.init(
            database: DatabaseSettings(reading: readers["database"]!),
            partnerCenter: PartnerCenterSettings(reading: readers["partner_center"]!),
            sync: SyncSettings(reading: readers["sync"]!),
            push: PushSettings(reading: readers["push"]!),
            azure: AzureSettings(reading: readers["azure"]!),
            logging: LoggingSettings(reading: readers["logging"]!),
            metrics: MetricsSettings(reading: readers["metrics"]!)
        )
        for name in Self.sectionNames { readers[name]!.finish() }
    }
}
