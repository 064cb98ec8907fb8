import Foundation
import Logging
import Testing
@testable import BillingSyncDaemon

@Suite("[logging] format = \"json\"")
struct JSONLogHandlerTests {
    @Test("one JSON object per line with level, label, message and metadata; secrets redacted")
    func jsonLines() throws {
        let collector = LineCollector()
        let redactor = SecretRedactor()
        redactor.register("s3cr3t-value-123")
        let logger = Logger(label: "billing-sync") { label in
            TextLogHandler(label: label, level: .info, style: .json, redactor: redactor, output: collector.output, metadataProvider: nil,
                           now: { Date(timeIntervalSince1970: 0) })
        }
        logger.warning("token s3cr3t-value-123 refused\nsecond line", metadata: ["customer": "contoso", "secret": "s3cr3t-value-123"])
        logger.debug("not written")
        #expect(collector.all.count == 1)
        let line = try #require(collector.all.first)
        #expect(!line.contains("\n") && !line.contains("s3cr3t-value-123"), "\(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning" && object["label"] as? String == "billing-sync")
        #expect(object["timestamp"] as? String == "1970-01-01T00:00:00.000Z")
        #expect((object["message"] as? String)?.hasPrefix("token ") == true)
        #expect((object["metadata"] as? [String: String])?["customer"] == "contoso")
        #expect(LogFormat(rawValue: "json") == .json)
    }
}
