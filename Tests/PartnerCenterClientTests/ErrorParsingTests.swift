import Foundation
@testable import PartnerCenterClient
import Testing

@Suite struct ErrorParsingTests {
    private func parse(_ status: Int, _ body: String, retryAfter: String? = nil) -> PartnerCenterError {
        PartnerCenterError.fromResponse(status: status, body: Data(body.utf8), retryAfterHeader: retryAfter,
                                        requestID: "r-1", correlationID: "c-1",
                                        now: Date(timeIntervalSince1970: 1_595_304_658))
    }

    @Test func classicBodyWithNumericCode() {
        let error = parse(404, #"{"code": 3000, "description": "Partner Organization could not be found", "data": [], "source": "PartnerFD"}"#)
        #expect(error.kind == .notFound)
        #expect(error.code == "3000")
        #expect(error.message == "Partner Organization could not be found")
        #expect(error.requestID == "r-1")
        #expect(error.correlationID == "c-1")
        #expect(!error.isRetryable)
    }

    @Test func validationMessageAndDataAreKept() {
        let error = parse(400, #"{"code": "60012", "description": "run out of licenses", "data": ["LicenseQuotaExceededException : x"], "source": "PartnerFD"}"#)
        #expect(error.kind == .badRequest)
        #expect(error.code == "60012")
        #expect(error.message == "run out of licenses; LicenseQuotaExceededException : x")
    }

    @Test func newerShapeWithErrorName() {
        let error = parse(400, #"{"code": 600061, "message": "already exists", "errorName": "PartnerConfirmedAgreementAlreadyExists", "isRetryable": false, "parameters": {}}"#)
        #expect(error.code == "600061")
        #expect(error.message == "already exists")
        #expect(error.errorName == "PartnerConfirmedAgreementAlreadyExists")
    }

    @Test func staleETagAs412OrAs400With2055() {
        #expect(parse(412, "").kind == .etagConflict)
        #expect(parse(400, #"{"code": 2055, "description": "Etag is no longer valid", "source": "x"}"#).kind == .etagConflict)
        #expect(parse(400, #"{"code": "2055", "description": "Etag is no longer valid"}"#).kind == .etagConflict)
        #expect(!parse(412, "").isRetryable)
    }

    @Test func throttlingBodyAndRetryAfterSeconds() {
        let error = parse(429, #"{ "statusCode": 429, "message": "Rate limit is exceeded. Try again in 57 seconds." }"#, retryAfter: "57")
        #expect(error.kind == .rateLimited)
        #expect(error.code == "429")
        #expect(error.retryAfter == .seconds(57))
        #expect(error.isRetryable)
    }

    @Test func retryAfterFromMessageWhenHeaderMissing() {
        #expect(parse(429, #"{"statusCode":429,"message":"Try again in 12 seconds."}"#).retryAfter == .seconds(12))
    }

    @Test func retryAfterAsHTTPDate() {
        // now = Tue, 21 Jul 2020 04:10:58 GMT
        let error = parse(503, "busy", retryAfter: "Tue, 21 Jul 2020 04:11:55 GMT")
        #expect(error.kind == .transient)
        #expect(error.retryAfter == .seconds(57))
        #expect(PartnerCenterError.parseRetryAfter("Tue, 21 Jul 2020 04:00:00 GMT", now: Date(timeIntervalSince1970: 1_595_304_658)) == .zero)
        #expect(PartnerCenterError.parseRetryAfter("soon") == nil)
    }

    @Test func armErrorShape() {
        let error = parse(412, #"{"error":{"code":"preconditionFailed","message":"A precondition does not match","target":"ETag","details":[{"code":"99918","message":"Etag value did not Match"}]}}"#)
        #expect(error.kind == .etagConflict)
        #expect(error.code == "preconditionFailed")
        #expect(error.message == "A precondition does not match (target: ETag); Etag value did not Match")
    }

    @Test func entraErrorShape() {
        let error = parse(400, #"{"error":"invalid_grant","error_description":"AADSTS70008: The refresh token has expired","error_codes":[70008],"correlation_id":"x"}"#)
        #expect(error.code == "invalid_grant")
        #expect(error.message.hasPrefix("AADSTS70008"))
    }

    @Test func statusClassification() {
        #expect(parse(401, "").kind == .unauthorized)
        #expect(parse(403, #"{"code":2032,"description":"Access denied"}"#).kind == .forbidden)
        #expect(parse(408, "").kind == .transient)
        #expect(parse(500, "<html>oops</html>").message == "<html>oops</html>")
        #expect(parse(502, "").kind == .transient)
        #expect(parse(409, "").kind == .badRequest)
        #expect(parse(500, "").message == "HTTP 500 with an empty body")
    }

    @Test func descriptionNamesKindStatusAndIDs() {
        let text = parse(404, #"{"code":1000,"description":"Not found"}"#).description
        #expect(text == "Partner Center notFound HTTP 404 code 1000: Not found [MS-RequestId r-1] [MS-CorrelationId c-1]")
    }
}
