import BillingSyncTesting
import Foundation
import Testing

/// `systemd-analyze`, when installed (Debian: package `systemd`).
private let systemdAnalyzer = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Checks the shipped unit files with the real `systemd-analyze` (skipped where it is not installed).
@Suite("systemd unit files", .enabled(if: systemdAnalyzer != nil, "systemd-analyze is not installed"))
struct SystemdUnitTests {
    /// The repository's `systemd/` folder, found from this source file.
    static let unitDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("systemd")

    /// The unit files under test and the unit name to analyse for each.
    static let units = [("billing-sync.service", "billing-sync.service"), ("billing-sync@.service", "billing-sync@contoso.service")]

    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    private func analyze(_ arguments: [String]) async throws -> Run {
        let run = try await ProgramRun.run(try #require(systemdAnalyzer), arguments)
        return Run(status: run.status, output: run.output, errors: run.errors)
    }

    /// Copies `file` into a fresh directory with ExecStart pointed at `/bin/true` (verify insists the binary exists).
    private func stagedUnit(_ file: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let text = try String(contentsOf: Self.unitDirectory.appendingPathComponent(file), encoding: .utf8)
        #expect(text.contains("ExecStart=/usr/bin/billing-sync run --config /etc/billing-sync/"))
        let staged = text.replacingOccurrences(of: "=/usr/bin/billing-sync ", with: "=/bin/true ")
        try staged.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("systemd-analyze verify accepts the units without a single warning", arguments: units)
    func verify(file: String, unit: String) async throws {
        let directory = try stagedUnit(file)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await analyze(["verify", directory.appendingPathComponent(unit).path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.isEmpty, "\(run.errors)")
    }

    @Test("systemd-analyze security rates the sandbox at 2.0 or less", arguments: units)
    func exposure(file: String, unit: String) async throws {
        let directory = try stagedUnit(file)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await analyze(["security", "--offline=yes", "--no-pager", directory.appendingPathComponent(unit).path])
        #expect(run.status == 0, "\(run.errors)")
        let exposure = try #require(Self.overallExposure(in: run.output), "no exposure line in: \(run.output)")
        #expect(exposure <= 2.0, "\(run.output)")
    }

    @Test("the backup service and its daily timer pass systemd-analyze verify; the service's sandbox rates 2.0 or less")
    func backupUnits() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in ["billing-sync-backup.service", "billing-sync-backup.timer"] {
            let text = try String(contentsOf: Self.unitDirectory.appendingPathComponent(file), encoding: .utf8)
            try text.replacingOccurrences(of: "=/usr/bin/billing-sync ", with: "=/bin/true ")
                .write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let service = try String(contentsOf: Self.unitDirectory.appendingPathComponent("billing-sync-backup.service"), encoding: .utf8)
        #expect(service.contains("ExecStart=/usr/bin/billing-sync db backup /var/lib/billing-sync/backups --keep 7 --config /etc/billing-sync/"))
        let timer = try String(contentsOf: Self.unitDirectory.appendingPathComponent("billing-sync-backup.timer"), encoding: .utf8)
        #expect(timer.contains("OnCalendar=daily") && timer.contains("Persistent=true"))
        let verify = try await analyze(["verify", directory.appendingPathComponent("billing-sync-backup.timer").path,
                                        directory.appendingPathComponent("billing-sync-backup.service").path])
        #expect(verify.status == 0, "\(verify.errors)")
        #expect(verify.errors.isEmpty, "\(verify.errors)")
        let security = try await analyze(["security", "--offline=yes", "--no-pager",
                                          directory.appendingPathComponent("billing-sync-backup.service").path])
        let exposure = try #require(Self.overallExposure(in: security.output), "no exposure line in: \(security.output)")
        #expect(exposure <= 2.0, "\(security.output)")
    }

    @Test("the sysusers file declares the static billing-sync user with its state directory as home")
    func sysusers() async throws {
        let text = try String(contentsOf: Self.unitDirectory.appendingPathComponent("billing-sync.sysusers"), encoding: .utf8)
        let entries = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(entries.contains { $0.hasPrefix(#"u billing-sync - "billing-sync daemon" /var/lib/billing-sync"#) })
        let sysusers = "/usr/bin/systemd-sysusers"
        if FileManager.default.isExecutableFile(atPath: sysusers) {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("sysroot-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            let run = try await ProgramRun.run(sysusers, ["--dry-run", "--root=\(root.path)",
                                                          Self.unitDirectory.appendingPathComponent("billing-sync.sysusers").path])
            let text = run.output + run.errors
            #expect(run.status == 0, "\(text)")
            #expect(text.contains("Creating user 'billing-sync'"), "\(text)")
        }
    }

    /// The number in `→ Overall exposure level for x.service: 1.1 OK 🙂`.
    static func overallExposure(in output: String) -> Double? {
        guard let line = output.split(separator: "\n").last(where: { $0.contains("Overall exposure level") }),
              let afterColon = line.split(separator: ":").last?.split(separator: " ").first
        else { return nil }
        return Double(afterColon)
    }
}
