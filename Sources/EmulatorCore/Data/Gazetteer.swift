/// The places the emulator's address service knows: every city the data generator uses (from
/// `SampleLocale.all`) and `Springfield` in three US states (for the `Multiple` status).
enum Gazetteer {
    struct Place: Sendable {
        let country: String
        let city: String
        let state: String?
        let postalCode: String
    }

    private static let extra: [Place] = [
        Place(country: "US", city: "Springfield", state: "IL", postalCode: "62701"),
        Place(country: "US", city: "Springfield", state: "MA", postalCode: "01103"),
        Place(country: "US", city: "Springfield", state: "MO", postalCode: "65802"),
    ]

    private static let all: [Place] = SampleLocale.all.flatMap { locale in
        locale.places.map { Place(country: locale.country, city: $0.city, state: $0.state, postalCode: $0.postalCode) }
    } + extra

    /// The known places named `city` in `country` (ignoring case).
    static func places(city: String, country: String) -> [Place] {
        let wanted = city.lowercased()
        return all.filter { $0.country == country && $0.city.lowercased() == wanted }
    }

    /// True when two postal codes name the same place: US ZIP codes by their first five digits
    /// (ZIP+4 accepted), others ignoring case and spaces.
    static func samePostalCode(_ known: String, _ given: String, country: String) -> Bool {
        if country == "US" { return known.prefix(5) == given.prefix(5) }
        let squash = { (text: String) in text.uppercased().filter { $0 != " " } }
        return squash(known) == squash(given)
    }
}
