import Foundation
import PartnerCenterModels
import Testing

/// `BillingProfile(unparsed:)`: bytes kept as they are and parsed once, on first use.
@Suite struct UnparsedBillingProfileTests {
    static let bytes = Data(SeedProfiles.camelCaseResponse.utf8)

    @Test func nothingIsParsedUntilTheResourceIsUsed() throws {
        let profile = BillingProfile(unparsed: Self.bytes)
        #expect(!profile.isParsed)
        #expect(profile.rawData == Self.bytes)
        let copy = profile
        #expect(copy.etag == "-4242348048554929329")
        // Copies share the one parse.
        #expect(profile.isParsed && copy.isParsed)
        #expect(profile == (try BillingProfile(data: Self.bytes)))
    }

    @Test func parsedChecksTheBytesAsInitDataDoes() throws {
        let good = try BillingProfile(unparsed: Self.bytes).parsed()
        #expect(good.isParsed && good.rawData == Self.bytes && good.defaultAddress?.city == "Redmond")
        for (text, reason) in [("[1,2]", "not a JSON object"), ("{\"a\":", "not valid JSON"), ("", "not valid JSON")] {
            let data = Data(text.utf8)
            var fromBytes: ModelDecodingError?
            do throws(ModelDecodingError) { _ = try BillingProfile(unparsed: data).parsed() } catch { fromBytes = error }
            #expect(fromBytes?.reason == reason && fromBytes?.resource == "CustomerBillingProfile")
            #expect(throws: ModelDecodingError.self) { try BillingProfile(data: data) }
        }
    }

    @Test func aBadBodyReadsAsNullUntilChecked() {
        let bad = BillingProfile(unparsed: Data("<html>".utf8))
        #expect(bad.resource == .null && bad.etag == nil && bad.isParsed)
    }

    @Test func equalBytesAreEqualWithoutParsing() {
        let one = BillingProfile(unparsed: Self.bytes)
        let two = BillingProfile(unparsed: Self.bytes)
        #expect(one == two)
        #expect(!one.isParsed && !two.isParsed)
        #expect(one != BillingProfile(unparsed: Data(SeedProfiles.pascalCasePUT.utf8)))
    }

    @Test func anEditReplacesTheBytesResource() throws {
        var profile = BillingProfile(unparsed: Self.bytes)
        profile.resource.setValue(.string("Elsewhere"), atPath: "defaultAddress.city")
        #expect(profile.defaultAddress?.city == "Elsewhere" && profile.isParsed)
        #expect(profile.withETag("e-9").etag == "e-9")
    }

    @Test func readFromManyTasksAtOnce() async throws {
        let profile = BillingProfile(unparsed: Self.bytes)
        let etags = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<16 { group.addTask { profile.etag } }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(etags.count == 16 && etags.allSatisfy { $0 == "-4242348048554929329" })
    }
}
