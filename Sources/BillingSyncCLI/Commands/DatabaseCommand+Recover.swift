import ArgumentParser
import BillingSyncDaemon
import BillingSyncStore

extension DatabaseCommand {
    /// `billing-sync db recover --from DAMAGED --to NEW`: salvage what only this database holds.
    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Salvage the edits, conflicts, history and checkpoints of a damaged database into a new one.",
            discussion: """
            Reads DAMAGED row by row (skipping unreadable pages), writes NEW (which must not exist)
            at the current schema with every salvaged row unchanged, and leaves the mirror empty:
            the next full reconcile (the daemon's first, or `billing-sync sync --once`) fills it
            again, and the salvaged edits wait for it before they are pushed (docs/operations.md).
            Exit status: 0 every row salvaged; 2 NEW written, but rows were lost (or may have been).
            """)

        @Option(name: .long, help: "The damaged database (only read).")
        var from: String

        @Option(name: .long, help: "The new database to create.")
        var to: String

        @Flag(name: .long, help: "Print JSON (docs/cli-json.md).")
        var json = false

        func run() throws {
            let report = try DatabaseRecovery.run(from: from, to: to)
            if json {
                try DatabaseRecoverJSON(
                    from: from, to: to, complete: report.isComplete,
                    tables: report.tables.map { table in
                        .init(table: table.table, salvaged: table.salvaged, leftOut: table.leftOut, refused: table.refused,
                              lost: table.lost, unreadable: table.unreadable.map { [$0.lowerBound, $0.upperBound] },
                              firstProblem: table.firstProblem)
                    },
                    rebuildable: report.rebuildable).printJSON()
            } else {
                print(text(report))
            }
            if !report.isComplete { throw ExitCode(2) }
        }

        func text(_ report: SalvageReport) -> String {
            var lines = ["recovered \(from) into \(to):"]
            let width = (report.tables.map(\.table.count).max() ?? 0) + 1
            for table in report.tables {
                var line = "  \((table.table + ":").padding(toLength: width, withPad: " ", startingAt: 0)) salvaged \(table.salvaged)"
                line += ", lost " + (table.lost.map(String.init) ?? "unknown")
                if table.leftOut > 0 { line += ", left out \(table.leftOut) (rebuilt)" }
                if table.refused > 0 { line += ", refused \(table.refused)" }
                if !table.unreadable.isEmpty {
                    line += "; unreadable rowids " + table.unreadable.map { "\($0.lowerBound)…\($0.upperBound)" }.joined(separator: ", ")
                }
                lines.append(line)
                if let problem = table.firstProblem, !report.isComplete || table.lost != 0 { lines.append("    first problem: \(problem)") }
            }
            lines.append("  left empty, rebuilt by the next reconcile: \(report.rebuildable.joined(separator: ", "))")
            lines.append(report.isComplete ? "every row of these tables was salvaged." : "WARNING: some rows were lost (see above).")
            lines.append("next: set database.path = \(to) and start the daemon (or run `billing-sync sync --once`): the mirror is rebuilt first, then the salvaged edits are pushed (docs/operations.md).")
            return lines.joined(separator: "\n")
        }
    }
}
