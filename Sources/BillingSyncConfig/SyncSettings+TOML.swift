/// Decoding of `[sync]`: every key read here is a valid key of that section.
extension SyncSettings {
    /// Reads the section, reporting problems to the reader's issue collector (defaults stand in for bad values).
    init(reading section: SectionReader) {
        let defaults = SyncSettings()
        self.init(
            pageSize: section.integer("page_size", default: defaults.pageSize, range: Self.pageSizeRange),
            maxConcurrency: section.integer("max_concurrency", default: defaults.maxConcurrency,
                                            range: Self.maxConcurrencyRange),
            requestsPerMinute: section.integer("requests_per_minute", default: defaults.requestsPerMinute,
                                               range: Self.requestsPerMinuteRange),
            auditInterval: section.duration("audit_interval", default: defaults.auditInterval),
            auditFeed: section.bool("audit_feed", default: defaults.auditFeed),
            fullResyncInterval: section.duration("full_resync_interval", default: defaults.fullResyncInterval),
            fullResyncJitter: section.duration("full_resync_jitter", default: defaults.fullResyncJitter, allowZero: true),
            batchSize: section.integer("batch_size", default: defaults.batchSize, range: Self.batchSizeRange)
        )
        if requestsPerMinute > Self.serviceRequestsPerMinute {
            section.issues.warning(.outOfRange, section.path("requests_per_minute"),
                                   "\(requestsPerMinute) is above Partner Center's documented \(Self.serviceRequestsPerMinute) requests a minute per tenant, a budget shared with the partner's other tools: the service answers 429 past it")
        }
    }
}
