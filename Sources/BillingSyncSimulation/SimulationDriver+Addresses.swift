import PartnerCenterModels

/// Address edits, for seeds whose processes run with `address_validation` on: each aims at one
/// answer of the emulator's address service (its rules: `AddressAssessment` in the emulator)
/// or breaks one country rule. Values carry the driver's counter, so the oracle can tell every
/// edit's values apart.
extension SimulationDriver {
    /// The wanted values of one address edit of the mirrored profile `json` (empty without one).
    func addressChange(of json: String?) -> [String: String?] {
        guard let json, let profile = try? JSONValue(parsing: json) else { return [:] }
        counter += 1
        let letters = Self.letters(counter)
        switch rng.index(100) {
        case 0..<25:
            // No house number: StreetPartial, with 3 numbered suggestions.
            return ["defaultAddress.addressLine1": "\(letters) Street"]
        case 25..<45:
            // A postal code of the right shape but not the city's: InteractionRequired, with the
            // city's code as its suggestion (when the gazetteer knows the city; else Verified).
            let postal = SimulationOracle.text(profile, "defaultAddress.postalCode") ?? ""
            return ["defaultAddress.postalCode": Self.replacingLastDigits(of: postal, with: counter)]
        case 45..<55:
            // A unit without its number: PremisesPartial, with 3 suggestions.
            return ["defaultAddress.addressLine2": "Suite \(letters)"]
        case 55..<75:
            // A country rule broken: the postal code's shape, a state not of the country (where
            // the country lists its states), `UK` for `GB` (no rules: unknown country).
            switch rng.index(3) {
            case 0: return ["defaultAddress.postalCode": "\(counter)"]
            case 1: return ["defaultAddress.state": "X" + String(UnicodeScalar(UInt8(65 + counter % 26)))]
            default: return ["defaultAddress.country": "UK"]
            }
        default:
            // A numbered street: Verified (unless the profile's postal code is already broken: None).
            return ["defaultAddress.addressLine1": "\(counter) \(letters) Road"]
        }
    }

    /// `n` in letters (`a` for 0 … `j` for 9): a street name without a house number.
    static func letters(_ n: Int) -> String {
        String(String(n).unicodeScalars.map { Character(UnicodeScalar($0.value - 48 + 97)!) })
    }

    /// `postal` with its last three digits (or fewer, if it has fewer) replaced by those of `n`.
    static func replacingLastDigits(of postal: String, with n: Int) -> String {
        var characters = Array(postal)
        let positions = Array(characters.indices.filter { characters[$0].isNumber }.suffix(3))
        let digits = Array(String(String(n % 1000).reversed()).padding(toLength: positions.count, withPad: "0", startingAt: 0).reversed())
        for (position, digit) in zip(positions, digits.suffix(positions.count)) { characters[position] = digit }
        return String(characters)
    }
}
