import Foundation
import PartnerCenterModels

extension PartnerCenterError {
    /// Classifies an error response, parsing every documented body shape leniently:
    /// `{code, description, data, source}`, `{code, message, errorName, …}`, 429's
    /// `{statusCode, message}`, ARM's `{error: {code, message, target, details}}` and Entra ID's
    /// `{error, error_description, error_codes, correlation_id}` — `code` as a number or a string.
    public static func fromResponse(status: Int, body: Data, retryAfterHeader: String?,
                                    requestID: String?, correlationID: String?,
                                    now: Date = Date()) -> PartnerCenterError {
        let parsed = ErrorBody(data: body)
        var retryAfter = retryAfterHeader.flatMap { parseRetryAfter($0, now: now) }
        if retryAfter == nil, status == 429, let message = parsed.message {
            retryAfter = secondsMentioned(in: message)
        }
        let kind = classify(status: status, code: parsed.code)
        let message = parsed.message ?? "HTTP \(status) with \(body.isEmpty ? "an empty body" : "an unrecognised body")"
        return PartnerCenterError(kind: kind, status: status, code: parsed.code, message: message,
                                  retryAfter: retryAfter, requestID: requestID,
                                  correlationID: correlationID, errorName: parsed.errorName)
    }

    /// The kind for an HTTP status and service code.
    static func classify(status: Int, code: String?) -> Kind {
        switch status {
        case 412: return .etagConflict
        case 400 where code == "2055": return .etagConflict
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 408: return .transient
        case 429: return .rateLimited
        case 500...: return .transient
        default: return .badRequest
        }
    }

    /// Reads `Retry-After` as delta-seconds (`57`, `1.5`) or an HTTP date; past dates give zero.
    public static func parseRetryAfter(_ text: String, now: Date = Date()) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds.isFinite {
            return .milliseconds(Int64((max(seconds, 0) * 1000).rounded()))
        }
        for pattern in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = pattern
            if let date = formatter.date(from: trimmed) {
                let seconds = max(date.timeIntervalSince(now), 0)
                return .milliseconds(Int64((seconds * 1000).rounded()))
            }
        }
        return nil
    }

    /// "Try again in 57 seconds." → 57 s.
    private static func secondsMentioned(in message: String) -> Duration? {
        guard let range = message.range(of: #"in \d+ seconds?"#, options: .regularExpression) else { return nil }
        let digits = message[range].filter(\.isNumber)
        return Int64(digits).map { .seconds($0) }
    }
}

/// The fields of an error body, whatever its shape.
struct ErrorBody {
    var code: String?
    var message: String?
    var errorName: String?

    init(data: Data) {
        guard let json = try? JSONValue(parsing: data), json.objectValue != nil else {
            let text = String(decoding: data.prefix(512), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            message = text.isEmpty ? nil : Self.clip(text)
            return
        }
        if let arm = json.object("error") {
            code = arm.text("code")
            var text = arm.text("message")
            if let target = arm.text("target") { text = (text ?? "") + " (target: \(target))" }
            let details = arm.array("details").compactMap { $0.text("message") }
            if !details.isEmpty { text = ([text].compactMap { $0 } + details).joined(separator: "; ") }
            message = text.map(Self.clip)
            return
        }
        if let entraError = json.text("error") {
            code = entraError
            message = json.text("error_description").map(Self.clip)
            return
        }
        code = json.text("code") ?? json.text("statusCode")
        errorName = json.text("errorName")
        var text = json.text("description") ?? json.text("message")
        let data = json.array("data").compactMap(\.scalarText)
        if !data.isEmpty { text = ([text].compactMap { $0 } + data).joined(separator: "; ") }
        message = text.map(Self.clip)
    }

    private static func clip(_ text: String) -> String {
        text.count > 1024 ? String(text.prefix(1024)) + "…" : text
    }
}
