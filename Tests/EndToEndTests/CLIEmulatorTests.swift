import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Testing

@Suite("billing-sync emulator as a child process, and billing-sync demo")
struct CLIEmulatorTests {
    @Test("emulator --port 0 prints its URL, serves a sync --once, and stops on SIGTERM")
    func emulatorChild() async throws {
        // Only its configuration file is used: same default tenant and credentials as the child.
        let cli = try await CLIRunner.start(customers: 4)
        try await cli.shutdown()
        let emulator = try BillingSyncProcess(arguments: ["emulator", "--port", "0", "--customers", "20"],
                                              logPath: cli.folder + "/emulator.log")
        defer { emulator.terminateIfRunning() }

        let listening = try await Self.poll(emulator, for: /listening on 127\.0\.0\.1:(\d+)/, timeout: .seconds(30))
        let port = try #require(listening?.1, "the emulator did not start:\n\(emulator.output)")
        let url = "http://127.0.0.1:\(port)"
        // The lines are printed right after the listener starts; allow a generous moment.
        let printed = try await Self.poll(emulator, for: /Partner Center emulator on (http:\/\/127\.0\.0\.1:\d+) with 20 customers/,
                                          timeout: .seconds(3))
        #expect(printed?.1 == Substring(url), "URL not printed:\n\(emulator.output)")

        let configuration = try String(contentsOfFile: cli.configPath, encoding: .utf8)
            .replacingOccurrences(of: cli.environment.emulator.baseURL, with: url)
        try configuration.write(toFile: cli.configPath, atomically: true, encoding: .utf8)
        let sync = try await cli.run("sync", ["--once"])
        #expect(sync.status == 0, "\(sync)")
        #expect(sync.stdout.contains("customers 20, profiles fetched 20, changed 20, removed 0, errors 0"), "\(sync)")
        #expect(try cli.reader().read { try $0.counts() }.profiles == 20)

        emulator.signal(SIGTERM)
        let status = try await emulator.waitForExit(timeout: .seconds(10))
        #expect(status != nil, "still running 10 s after SIGTERM:\n\(emulator.output)")
        // SIGTERM stops serving and exits 0.
        #expect(status == 0, "status \(String(describing: status)):\n\(emulator.output)")
        #expect(emulator.process.terminationReason == .exit)
        #expect(!emulator.output.contains("Fatal error"))
    }

    @Test("billing-sync runs on one NIO event loop; NIO_SINGLETON_GROUP_LOOP_COUNT overrides it",
          arguments: [(nil, 1), ("2", 2)] as [(String?, Int)])
    func oneEventLoop(loopCount: String?, expectedLoops: Int) async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-loops")
        let environment = loopCount.map { ["NIO_SINGLETON_GROUP_LOOP_COUNT": $0] } ?? [:]
        let emulator = try BillingSyncProcess(arguments: ["emulator", "--port", "0", "--customers", "5"],
                                              environment: environment, logPath: folder + "/emulator.log")
        defer { emulator.terminateIfRunning() }
        let listening = try await Self.poll(emulator, for: /listening on 127\.0\.0\.1:(\d+)/, timeout: .seconds(30))
        try #require(listening != nil, "the emulator did not start:\n\(emulator.output)")
        // NIO names the singleton group's threads NIO-SGLTN-<group>-#<loop>.
        let tasks = "/proc/\(emulator.process.processIdentifier)/task"
        let names = try FileManager.default.contentsOfDirectory(atPath: tasks).compactMap {
            try? String(contentsOfFile: "\(tasks)/\($0)/comm", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(names.filter { $0.hasPrefix("NIO-SGLTN-") }.count == expectedLoops, "threads: \(names.sorted())")
        emulator.signal(SIGTERM)
        #expect(try await emulator.waitForExit(timeout: .seconds(10)) == 0, "\(emulator.output)")
    }

    @Test("demo --customers 50 tells the story and leaves a filled database", .timeLimit(.minutes(1)))
    func demo() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-cli")
        let started = ContinuousClock.now
        let demo = try await CLIRunner.run(["demo", "--customers", "50"], in: folder, timeout: .seconds(60))
        #expect(demo.status == 0, "\(demo)")
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(demo.stdout.contains("with 50 customers"), "\(demo)")
        #expect(demo.stdout.contains("1. full sync: 50 customers, 50 profiles fetched"), "\(demo)")
        #expect(demo.stdout.contains("PUT answered 412 1 time(s); re-read, merged, pushed: status pushed"), "\(demo)")
        #expect(demo.stdout.contains("(both changes kept)"), "\(demo)")
        #expect(demo.stdout.contains("1 conflict(s) recorded"), "\(demo)")
        #expect(demo.stdout.contains("billing-sync resolve 1 --keep-remote|--reapply"), "\(demo)")

        let path = try #require(demo.stdout.firstMatch(of: /\ndatabase: (\S+)\n/)?.1, "no database path\n\(demo)")
        let reader = try StoreReader(path: String(path))
        let counts = try reader.read { try $0.counts() }
        #expect(counts.activeCustomers == 50 && counts.profiles == 50, "\(counts)")
        #expect(counts.editsByStatus[.pushed] == 1 && counts.editsByStatus[.conflict] == 1, "\(counts)")
        #expect(counts.openConflicts == 1 && counts.historyRows > 0, "\(counts)")
        #expect(demo.stdout.contains("sqlite3 -readonly \(path) "), "\(demo)")
    }

    /// Polls the child's output for `regex` until `timeout`; the first match, or nil.
    static func poll<Output>(_ process: BillingSyncProcess, for regex: Regex<Output>,
                             timeout: Duration) async throws -> Output? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let match = process.output.firstMatch(of: regex) { return match.output }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
