internal import TOMLKit
import Foundation

/// Typed accessors: each returns the default (or nil) after reporting a problem, so decoding always
/// continues and every issue in the file is collected.
extension SectionReader {
    /// An optional string.
    func optionalString(_ key: String) -> String? {
        guard let value = raw(key) else { return nil }
        guard let text = value.string else {
            wrongType(key, expected: "a string", got: value)
            return nil
        }
        return text
    }

    /// A string with a default; empty strings are rejected.
    func string(_ key: String, default fallback: String) -> String {
        guard let text = optionalString(key) else { return fallback }
        guard !text.isEmpty else {
            issues.error(.invalidValue, path(key), "must not be empty")
            return fallback
        }
        return text
    }

    /// A required, non-empty string.
    func requiredString(_ key: String) -> String? {
        guard contains(key) else {
            missing(key)
            return nil
        }
        let text = string(key, default: "")
        return text.isEmpty ? nil : text
    }

    /// An integer within `range`.
    func integer(_ key: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
        guard let value = raw(key) else { return fallback }
        guard let number = value.int else {
            wrongType(key, expected: "an integer", got: value)
            return fallback
        }
        guard range.contains(number) else {
            issues.error(.outOfRange, path(key), "must be between \(range.lowerBound) and \(range.upperBound) (got \(number))")
            return fallback
        }
        return number
    }

    /// A boolean.
    func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let value = raw(key) else { return fallback }
        guard let flag = value.bool else {
            wrongType(key, expected: "a boolean (true or false)", got: value)
            return fallback
        }
        return flag
    }

    /// A duration string (`"30s"`, `"1h30m"`); must be positive unless `allowZero`.
    func duration(_ key: String, default fallback: Duration, allowZero: Bool = false) -> Duration {
        guard let value = raw(key) else { return fallback }
        guard let text = value.string else {
            wrongType(key, expected: "a duration string such as \"30s\"", got: value)
            return fallback
        }
        do {
            let duration = try DurationText.parse(text)
            guard allowZero || duration > .zero else {
                issues.error(.outOfRange, path(key), "must be greater than zero (got \"\(text)\")")
                return fallback
            }
            return duration
        } catch {
            issues.error(.invalidValue, path(key), error.description)
            return fallback
        }
    }

    /// One of an enum's raw values.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, default fallback: Choice) -> Choice
    where Choice.RawValue == String {
        guard let text = optionalString(key) else { return fallback }
        guard let choice = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            issues.error(.invalidValue, path(key), "invalid value \"\(text)\"; allowed values: \(allowed)")
            return fallback
        }
        return choice
    }

    /// A required GUID, returned lower-case.
    func guid(_ key: String) -> String? {
        guard let text = requiredString(key) else { return nil }
        guard text.count == 36, let uuid = UUID(uuidString: text) else {
            issues.error(.invalidValue, path(key),
                         "not a valid GUID (got \"\(text)\"); expected the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
            return nil
        }
        return uuid.uuidString.lowercased()
    }

    /// An optional absolute URL that must use https, except on loopback hosts (127.0.0.1, localhost, ::1).
    func endpointURL(_ key: String) -> URL? {
        guard let text = optionalString(key) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              let host = url.host, !host.isEmpty else {
            issues.error(.invalidValue, path(key), "not an absolute URL (got \"\(text)\")")
            return nil
        }
        let loopbackHTTP = scheme == "http" && ListenAddress.isLoopbackHost(host)
        guard scheme == "https" || loopbackHTTP else {
            issues.error(.invalidValue, path(key),
                         "must use https (got \"\(text)\"); plain http is only allowed for 127.0.0.1, localhost or ::1")
            return nil
        }
        return url
    }

    /// An array of non-empty strings.
    func stringArray(_ key: String) -> [String] {
        guard let value = raw(key) else { return [] }
        guard let array = value.array else {
            wrongType(key, expected: "an array of strings", got: value)
            return []
        }
        var strings: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.string, !text.isEmpty else {
                issues.error(.wrongType, path(key),
                             "element \(index + 1): expected a non-empty string, got \(Self.describe(element))")
                continue
            }
            strings.append(text)
        }
        return strings
    }
}
