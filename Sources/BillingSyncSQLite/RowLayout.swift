/// The column names of a result set, shared by all its rows, with a name → index lookup.
struct RowLayout: Sendable {
    let names: [String]
    private let exact: [String: Int]
    private let folded: [String: Int]

    init(names: [String]) {
        self.names = names
        var exact: [String: Int] = [:]
        var folded: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if exact[name] == nil { exact[name] = index }
            if folded[name.lowercased()] == nil { folded[name.lowercased()] = index }
        }
        self.exact = exact
        self.folded = folded
    }

    /// The first column with this name: exact match first, then ASCII case-insensitive.
    func index(of name: String) -> Int? {
        exact[name] ?? folded[name.lowercased()]
    }
}
