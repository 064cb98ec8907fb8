import Logging

/// Formatting shared by ``JournalLogHandler`` and ``TextLogHandler``: redaction, one-line
/// messages and `key=value` metadata.
enum LogLineRenderer {
    /// Handler, provider and call-site metadata merged (later wins, as swift-log specifies),
    /// plus the event's error under `error`.
    static func metadata(
        of event: LogEvent,
        handler: Logger.Metadata,
        provider: Logger.MetadataProvider?
    ) -> Logger.Metadata {
        var merged = handler
        if let provided = provider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error { merged["error"] = "\(error)" }
        return merged
    }

    /// The event's message, redacted, followed by redacted metadata as ` key=value` pairs sorted by key.
    static func body(
        of event: LogEvent,
        handler: Logger.Metadata,
        provider: Logger.MetadataProvider?,
        redactor: SecretRedactor
    ) -> String {
        let merged = metadata(of: event, handler: handler, provider: provider)
        var line = singleLine(redactor.redact(event.message.description))
        for (key, value) in redactor.redact(merged).sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(quoted(singleLine(value.description)))"
        }
        return line
    }

    /// Newlines escaped as `\n` so one event stays one journal line.
    static func singleLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.replacing("\r\n", with: "\\n").replacing("\n", with: "\\n").replacing("\r", with: "\\n")
    }

    /// The value as-is when it is a plain token, otherwise double-quoted with `"` and `\` escaped.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0.isWhitespace || $0 == "\"" || $0 == "=" }
        guard needsQuotes else { return value }
        let escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}
