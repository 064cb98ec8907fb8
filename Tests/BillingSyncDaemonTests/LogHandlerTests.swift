#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import Testing
@testable import BillingSyncDaemon

@Suite("Journal and text log handlers")
struct LogHandlerTests {
    private func journalLogger(_ collector: LineCollector, redactor: SecretRedactor = SecretRedactor()) -> Logger {
        Logger(label: "test") { _ in
            JournalLogHandler(level: .trace, redactor: redactor, output: collector.output, metadataProvider: nil)
        }
    }

    @Test("journal lines are <priority>message key=value with no timestamp")
    func journalFormat() {
        let collector = LineCollector()
        let logger = journalLogger(collector)
        logger.info("synced", metadata: ["profiles": "12", "customer": "contoso"])
        #expect(collector.all == ["<6>synced customer=contoso profiles=12"])
    }

    @Test("every level maps to its syslog priority")
    func levelMapping() {
        let collector = LineCollector()
        let logger = journalLogger(collector)
        logger.trace("t")
        logger.debug("d")
        logger.info("i")
        logger.notice("n")
        logger.warning("w")
        logger.error("e")
        logger.critical("c")
        #expect(collector.all == ["<7>t", "<7>d", "<6>i", "<5>n", "<4>w", "<3>e", "<2>c"])
    }

    @Test("one event is one line, and awkward metadata values are quoted")
    func singleLineAndQuoting() {
        let collector = LineCollector()
        let logger = journalLogger(collector)
        logger.error("first\nsecond", metadata: ["reason": "bad \"name\"", "empty": ""])
        #expect(collector.all == [#"<3>first\nsecond empty="" reason="bad \"name\"""#])
    }

    @Test("handler metadata and the logged error are included")
    func handlerMetadataAndError() {
        let collector = LineCollector()
        var logger = journalLogger(collector)
        logger[metadataKey: "run"] = "7"
        logger.warning("retrying", metadata: ["attempt": "2"])
        #expect(collector.all == ["<4>retrying attempt=2 run=7"])
    }

    @Test("the text handler writes an ISO timestamp, level and label")
    func textFormat() {
        let collector = LineCollector()
        let logger = Logger(label: "billing-sync.engine") { label in
            TextLogHandler(label: label, level: .info, redactor: SecretRedactor(), output: collector.output,
                           metadataProvider: nil, now: { Date(timeIntervalSince1970: 1_700_000_000.25) })
        }
        logger.debug("hidden below the level")
        logger.notice("reconcile finished", metadata: ["changed": "3"])
        #expect(collector.all == ["2023-11-14T22:13:20.250Z notice billing-sync.engine: reconcile finished changed=3"])
    }

    @Test("auto picks journal only when JOURNAL_STREAM names the stderr file")
    func autoFormatDetection() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)").path
        let descriptor = open(path, O_CREAT | O_RDWR, 0o600)
        #expect(descriptor >= 0)
        defer { close(descriptor); unlink(path) }
        var status = stat()
        #expect(fstat(descriptor, &status) == 0)
        let stream = "\(status.st_dev):\(status.st_ino)"

        #expect(LogFormat.auto.resolved(environment: ["JOURNAL_STREAM": stream], standardErrorDescriptor: descriptor) == .journal)
        #expect(LogFormat.auto.resolved(environment: ["JOURNAL_STREAM": "1:2"], standardErrorDescriptor: descriptor) == .text)
        #expect(LogFormat.auto.resolved(environment: [:], standardErrorDescriptor: descriptor) == .text)
        #expect(LogFormat.journal.resolved(environment: [:]) == .journal)
        #expect(LogFormat(rawValue: "text") == .text)
    }

    @Test("makeHandler builds the handler for the chosen format")
    func makeHandlerChoosesFormat() {
        let collector = LineCollector()
        let journal = Logger(label: "x") { LogSetup.makeHandler(label: $0, level: .info, format: .journal, output: collector.output) }
        journal.info("hello")
        let text = Logger(label: "x") { LogSetup.makeHandler(label: $0, level: .info, format: .text, output: collector.output) }
        text.info("hello")
        #expect(collector.all.first == "<6>hello")
        #expect(collector.all.last?.hasSuffix(" info x: hello") == true)
    }

    @Test("bootstrap-once runs the bootstrap a single time")
    func bootstrapOnce() {
        let once = BootstrapOnce<Int>()
        let calls = LineCollector()
        let first = once.get { calls.output.write("made"); return 1 }
        let second = once.get { calls.output.write("made"); return 2 }
        #expect(first == 1 && second == 1)
        #expect(calls.all == ["made"])
    }
}
