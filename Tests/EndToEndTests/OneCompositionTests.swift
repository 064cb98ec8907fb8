import Foundation
import Testing

/// The loop set is composed in one place, `SyncRuntime`: the daemon, `sync --once`, the demo's
/// components and the simulation build one, so the simulation proves what ships.
@Suite("one composition of the sync's loops")
struct OneCompositionTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// Files under Sources/ that call `name(`, other than where it is declared.
    private func callers(of name: String) throws -> [String] {
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            let calls = text.components(separatedBy: ".\(name)(").count - 1
            if calls > 0 { files.append(file.lastPathComponent) }
        }
        return files.sorted()
    }

    @Test("each loop is started only by SyncRuntime; the daemon and the simulation run a SyncRuntime")
    func oneLoopSet() throws {
        for loop in ["runReconcileLoop", "runAuditLoop", "runOutboxLoop", "runAzureLoop"] {
            #expect(try callers(of: loop) == ["SyncRuntime.swift"], "\(loop) is started outside SyncRuntime")
        }
        let daemon = try String(contentsOf: Self.sources.appendingPathComponent("BillingSyncDaemon/Runtime/DaemonComponents.swift"), encoding: .utf8)
        let simulation = try String(contentsOf: Self.sources.appendingPathComponent("BillingSyncSimulation/SimulatedProcess.swift"), encoding: .utf8)
        let once = try String(contentsOf: Self.sources.appendingPathComponent("BillingSyncCLI/Commands/SyncCommand.swift"), encoding: .utf8)
        #expect(daemon.contains("SyncRuntime(") && simulation.contains("SyncRuntime(") && simulation.contains("runtime.run()"))
        #expect(simulation.contains("runtime.runOnce()") && once.contains("runtime().runOnce()"))
    }
}
