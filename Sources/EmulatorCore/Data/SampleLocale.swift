import PartnerCenterModels

/// One country the data generator draws addresses from, with realistic names for it.
struct SampleLocale: Sendable {
    let country: String
    let culture: String
    let language: String
    /// (city, state or nil, postal code)
    let places: [(city: String, state: String?, postalCode: String)]
    let companies: [String]
    let firstNames: [String]
    let lastNames: [String]
    let phonePrefix: String
    let streets: [String]

    /// True where Partner Center requires a phone number (error 600051).
    var requiresPhone: Bool { BillingProfileField.countriesRequiringPhoneNumber.contains(country) }
}

extension SampleLocale {
    /// The locales generated customers come from (several with non-ASCII names).
    static let all: [SampleLocale] = [
        SampleLocale(country: "US", culture: "en-US", language: "en",
                     places: [("Redmond", "WA", "98052"), ("Austin", "TX", "73301"), ("Boston", "MA", "02108")],
                     companies: ["Contoso Ltd", "Fabrikam Inc", "Northwind Traders", "Tailspin Toys", "Adventure Works"],
                     firstNames: ["Alice", "Bob", "Carol", "Dave", "Erin"], lastNames: ["Smith", "Johnson", "O'Brien", "García"],
                     phonePrefix: "425555", streets: ["1 Microsoft Way", "500 Pine Street", "12 Elm Avenue"]),
        SampleLocale(country: "CN", culture: "zh-CN", language: "zh",
                     places: [("上海", nil, "200000"), ("北京", nil, "100000"), ("深圳", nil, "518000")],
                     companies: ["上海云海科技有限公司", "北京星辰软件有限公司", "深圳华光电子有限公司"],
                     firstNames: ["伟", "芳", "娜", "静"], lastNames: ["王", "李", "张", "刘"],
                     phonePrefix: "861380", streets: ["浦东新区世纪大道100号", "海淀区中关村大街1号"]),
        SampleLocale(country: "FR", culture: "fr-FR", language: "fr",
                     places: [("Paris", nil, "75008"), ("Lyon", nil, "69002"), ("Marseille", nil, "13001")],
                     companies: ["Société Générale d'Équipement", "Boulangerie Hélène & Fils", "Crème Brûlée SARL"],
                     firstNames: ["Amélie", "François", "Hélène", "Jérôme"], lastNames: ["Lefèvre", "Dupont", "Bézier"],
                     phonePrefix: "331420", streets: ["12 rue de la Paix", "8 avenue des Champs-Élysées"]),
        SampleLocale(country: "DE", culture: "de-DE", language: "de",
                     places: [("München", "BY", "80331"), ("Köln", "NW", "50667"), ("Düsseldorf", "NW", "40213")],
                     companies: ["Müller & Söhne GmbH", "Bäckerei Größe KG", "Schön Übersetzungen AG"],
                     firstNames: ["Jürgen", "Günther", "Jörg", "Käthe"], lastNames: ["Müller", "Schäfer", "Weiß", "Groß"],
                     phonePrefix: "498912", streets: ["Königsallee 1", "Schloßstraße 27"]),
        SampleLocale(country: "JP", culture: "ja-JP", language: "ja",
                     places: [("東京", nil, "100-0001"), ("大阪", nil, "530-0001")],
                     companies: ["株式会社さくらシステム", "富士山商事株式会社"],
                     firstNames: ["太郎", "花子", "健"], lastNames: ["山田", "佐藤", "鈴木"],
                     phonePrefix: "813123", streets: ["千代田区丸の内1-1-1", "北区梅田2-4-9"]),
        SampleLocale(country: "RU", culture: "ru-RU", language: "ru",
                     places: [("Москва", nil, "101000"), ("Санкт-Петербург", nil, "190000")],
                     companies: ["ООО «Северный Ветер»", "АО Технопром"],
                     firstNames: ["Иван", "Ольга", "Дмитрий"], lastNames: ["Иванов", "Смирнова", "Кузнецов"],
                     phonePrefix: "749512", streets: ["ул. Тверская, д. 7", "Невский проспект, 28"]),
        SampleLocale(country: "IN", culture: "en-IN", language: "en",
                     places: [("Bengaluru", "KA", "560001"), ("Mumbai", "MH", "400001")],
                     companies: ["Infra Nirmaan Pvt Ltd", "Ganga Textiles Ltd"],
                     firstNames: ["Priya", "Arjun", "Ananya"], lastNames: ["Sharma", "Patel", "Iyer"],
                     phonePrefix: "918041", streets: ["12 MG Road", "45 Marine Drive"]),
        SampleLocale(country: "BR", culture: "pt-BR", language: "pt",
                     places: [("São Paulo", "SP", "01000-000"), ("Rio de Janeiro", "RJ", "20000-000")],
                     companies: ["Ação Logística Ltda", "Café Paraná S.A."],
                     firstNames: ["João", "Conceição", "Luís"], lastNames: ["Gonçalves", "Araújo", "Simões"],
                     phonePrefix: "551130", streets: ["Avenida Paulista, 1000", "Rua das Laranjeiras, 12"]),
        SampleLocale(country: "PL", culture: "pl-PL", language: "pl",
                     places: [("Kraków", nil, "30-001"), ("Łódź", nil, "90-001")],
                     companies: ["Żubr Świat Sp. z o.o.", "Łączność Polska S.A."],
                     firstNames: ["Małgorzata", "Paweł", "Łukasz"], lastNames: ["Wójcik", "Dąbrowski", "Kowalczyk"],
                     phonePrefix: "481212", streets: ["ul. Floriańska 3", "ul. Piotrkowska 100"]),
        SampleLocale(country: "GB", culture: "en-GB", language: "en",
                     places: [("London", nil, "EC1A 1BB"), ("Manchester", nil, "M1 1AE")],
                     companies: ["Wingtip Toys Ltd", "Margie's Travel plc"],
                     firstNames: ["Oliver", "Amelia", "Harry"], lastNames: ["Taylor", "Brown", "Wilson"],
                     phonePrefix: "442079", streets: ["221B Baker Street", "10 Downing Street"]),
    ]
}
