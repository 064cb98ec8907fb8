import Foundation
import PartnerCenterAPI
import PartnerCenterModels

/// The HTTP client is the production implementation of the engine's port (`PartnerCenterAPI`).
extension PartnerCenterClient: PartnerCenterPort {
    public func customerListing(pageSize: Int) -> any AsyncSequence<[Customer], PartnerCenterError> {
        customerPages(pageSize: pageSize)
    }

    public func auditListing(from: Date, to: Date) -> any AsyncSequence<[AuditRecord], PartnerCenterError> {
        auditRecords(from: from, to: to, filter: nil)
    }
}
