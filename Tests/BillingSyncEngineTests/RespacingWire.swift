import Foundation
import PartnerCenterClient

/// A wire between the engine's client and the emulator that passes every call on and rewrites
/// the bodies of the answers `rewrites` picks: the emulator answers in canonical form (sorted keys,
/// no white space), so a test of text kept "as received" respaces them the way another server might.
struct RespacingWire: HTTPExchange {
    let inner: any HTTPExchange
    let rewrites: @Sendable (_ url: String, _ body: inout Data) -> Void

    func perform(_ request: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
        var response = try await inner.perform(request, requestID: requestID, correlationID: correlationID)
        rewrites(request.url, &response.body)
        return response
    }
}
