/// "Did you mean …?" suggestions for misspelt keys, by Levenshtein edit distance.
enum KeySuggestion {
    /// The candidate closest to `key`, if it is close enough to be a plausible typo
    /// (distance ≤ 3 and less than half the key's length, rounded up).
    static func nearest(to key: String, among candidates: [String]) -> String? {
        let limit = min(3, max(1, (key.count + 1) / 2))
        let scored = candidates.map { ($0, distance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }

    /// Levenshtein distance between `a` and `b` (insertions, deletions, substitutions).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
