import Logging
import PartnerCenterClient

extension AzureBillingClient {
    /// ARM's headers and names: `x-ms-client-request-id` (the same for every attempt of a call),
    /// `x-ms-correlation-request-id`, the server's `x-ms-request-id` in logs and error messages,
    /// `billing_sync_http_requests_total{service="azure"}`, and success bodies that must be JSON objects.
    static let dialect = TransportDialect(
        serviceName: "ARM", metricsService: "azure",
        requestIDHeader: "x-ms-client-request-id", correlationIDHeader: "x-ms-correlation-request-id",
        requestIDLogKey: "client_request_id",
        loggedResponseHeaders: [("x-ms-request-id", "ms_request_id"),
                                ("x-ms-correlation-request-id", "ms_correlation_request_id")],
        serverRequestIDHeader: "x-ms-request-id", requiresJSONObject: true)

    /// Every attempt first takes a slot from `pacer`; every response feeds its
    /// `x-ms-ratelimit-remaining-tenant-reads` back to it (pacing changes are logged).
    static func pacingHooks(_ pacer: TenantReadPacer, logger: Logger) -> TransportHooks {
        TransportHooks(beforeAttempt: { () async throws(PartnerCenterError) in
            try await pacer.waitForSlot()
        }, afterResponse: { raw in
            let header = raw.headers.first(name: "x-ms-ratelimit-remaining-tenant-reads")
            guard let spacing = await pacer.observe(remainingHeader: header) else { return }
            if spacing > .zero {
                logger.notice("few ARM tenant reads remain, spacing requests", metadata: [
                    "remaining_tenant_reads": "\(header ?? "")", "spacing_s": "\(spacing.secondsText)",
                ])
            } else {
                logger.info("ARM tenant reads recovered, pacing off", metadata: ["remaining_tenant_reads": "\(header ?? "")"])
            }
        })
    }
}
