import PartnerCenterModels

/// Generates realistic, valid customers deterministically from a random generator.
enum CustomerGenerator {
    /// A new customer; `companyName`/`country` override the drawn values.
    static func make(using rng: inout SeededGenerator, companyName: String? = nil,
                     country: String? = nil) -> EmulatedCustomer {
        let locale = SampleLocale.all.first { $0.country == country?.uppercased() }
            ?? SampleLocale.all.randomElement(using: &rng)!
        let id = CustomerID(guid(using: &rng))!
        let place = locale.places.randomElement(using: &rng)!
        let company = companyName ?? locale.companies.randomElement(using: &rng)!
        let firstName = locale.firstNames.randomElement(using: &rng)!
        let lastName = locale.lastNames.randomElement(using: &rng)!
        let domain = "tenant\(UInt16.random(in: 1000...9999, using: &rng))\(id.rawValue.prefix(4)).onmicrosoft.com"
        let email = "billing\(UInt16.random(in: 1...999, using: &rng))@\(domain)"
        let phone = locale.phonePrefix + String(UInt32.random(in: 100_000...999_999, using: &rng))
        let street = locale.streets.randomElement(using: &rng)!

        var address: [String: JSONValue] = [
            "country": .string(locale.country),
            "city": .string(place.city),
            "addressLine1": .string(street),
            "postalCode": .string(place.postalCode),
            "firstName": .string(firstName),
            "lastName": .string(lastName),
        ]
        if let state = place.state { address["state"] = .string(state) }
        if locale.requiresPhone || rng.chance(0.7) { address["phoneNumber"] = .string(phone) }
        if rng.chance(0.3) { address["addressLine2"] = .string("Floor \(Int.random(in: 2...40, using: &rng))") }
        if rng.chance(0.1) { address["addressLine3"] = .string("Building \(Int.random(in: 1...9, using: &rng))") }
        if rng.chance(0.15) { address["district"] = .string("District \(Int.random(in: 1...20, using: &rng))") }
        if rng.chance(0.2) { address["middleName"] = .string(locale.firstNames.randomElement(using: &rng)!) }
        if rng.chance(0.1) { address["buildingCode"] = .string("B-\(Int.random(in: 100...999, using: &rng))") }

        var profile: [String: JSONValue] = [
            "id": .string(guid(using: &rng)),
            "firstName": .string(firstName),
            "lastName": .string(lastName),
            "email": .string(email),
            "culture": .string(locale.culture),
            "language": .string(locale.language),
            "companyName": .string(company),
            "defaultAddress": .object(address),
        ]
        if rng.chance(0.1) { profile["purchaseOrderReference"] = .string("PO-\(Int.random(in: 10000...99999, using: &rng))") }

        var companyAddress = address
        for key in ["firstName", "lastName", "middleName", "buildingCode"] { companyAddress[key] = nil }
        let companyProfile: JSONValue = .object([
            "tenantId": .string(id.rawValue),
            "domain": .string(domain),
            "companyName": .string(company),
            "address": .object(companyAddress),
            "email": .string(email),
        ])
        return EmulatedCustomer(id: id, commerceID: guid(using: &rng), domain: domain,
                              companyProfile: companyProfile, billingProfile: .object(profile),
                              etag: etag(using: &rng))
    }

    /// A version-4 style GUID in lower case.
    static func guid(using rng: inout SeededGenerator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
        let groups = [8, 4, 4, 4, 12]
        var parts: [String] = []
        var index = hex.startIndex
        for length in groups {
            let end = hex.index(index, offsetBy: length)
            parts.append(String(hex[index..<end]))
            index = end
        }
        return parts.joined(separator: "-")
    }

    /// An opaque etag like the documented `-4242348048554929329`.
    static func etag(using rng: inout SeededGenerator) -> String {
        String(Int64(bitPattern: rng.next()))
    }
}
