import Logging
import Testing
@testable import BillingSyncDaemon

@Suite("Secret redaction in log lines")
struct SecretRedactorTests {
    @Test("registered secrets vanish from messages and metadata of both handlers")
    func registeredSecrets() {
        let redactor = SecretRedactor()
        redactor.register("s3cr3t-client-value")
        redactor.register("0.AAAArefresh-token-xyz")
        let collector = LineCollector()
        let journal = Logger(label: "t") { _ in
            JournalLogHandler(level: .info, redactor: redactor, output: collector.output, metadataProvider: nil)
        }
        let text = Logger(label: "t") { label in
            TextLogHandler(label: label, level: .info, redactor: redactor, output: collector.output, metadataProvider: nil)
        }
        for logger in [journal, text] {
            logger.error("token exchange failed for s3cr3t-client-value",
                         metadata: ["body": "refresh=0.AAAArefresh-token-xyz", "nested": ["list": ["s3cr3t-client-value"]]])
        }
        #expect(collector.all.count == 2)
        for line in collector.all {
            #expect(!line.contains("s3cr3t"))
            #expect(!line.contains("refresh-token-xyz"))
            #expect(line.contains("token exchange failed for <redacted>"))
            #expect(line.contains(#"body="refresh=<redacted>""#))
        }
    }

    @Test("credential patterns are redacted even when never registered", arguments: [
        ("Authorization: Bearer eyJ0eXAiOiJKV1Qi.abc.def", "Authorization: Bearer <redacted>"),
        ("POST grant_type=refresh_token&refresh_token=0.AXYZ&client_secret=abc~123",
         "POST grant_type=refresh_token&refresh_token=<redacted>&client_secret=<redacted>"),
        ("GET /cb?access_token=abc.def.ghi done", "GET /cb?access_token=<redacted> done"),
        (#"{"token_type":"Bearer","access_token":"eyJ.x.y","expires_in":3599}"#,
         #"{"token_type":"Bearer","access_token":"<redacted>","expires_in":3599}"#),
        (#"{"refresh_token": "0.AR-abc"}"#, #"{"refresh_token": "<redacted>"}"#),
    ])
    func patterns(input: String, expected: String) {
        #expect(SecretRedactor().redact(input) == expected)
    }

    @Test("metadata under secret-looking keys is replaced whole")
    func sensitiveKeys() {
        let redacted = SecretRedactor().redact(["Authorization": "Basic Zm9vOmJhcg==", "customer": "contoso"])
        #expect(redacted["Authorization"] == "<redacted>")
        #expect(redacted["customer"] == "contoso")
    }

    @Test("unregistered and too-short values are left alone")
    func shortAndUnregistered() {
        let redactor = SecretRedactor()
        redactor.register("abc")
        redactor.register("old-access-token")
        redactor.unregister("old-access-token")
        #expect(redactor.redact("abc old-access-token") == "abc old-access-token")
    }
}
