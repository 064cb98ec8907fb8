import ArgumentParser
import BillingSyncStore

extension DatabaseCommand {
    /// `billing-sync db check`: SQLite's full `integrity_check` (or `--quick`), read-only.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the database file with PRAGMA integrity_check (read-only; the daemon may run).",
            discussion: """
            Exit status (like `status`, Nagios plugin convention):
              0  ok: SQLite found nothing wrong
              2  damaged: the problems are printed (then restore a backup or `db recover`, docs/operations.md)
              3  unknown: the check could not run (no such file, no permission)
            """)

        @OptionGroup var options: ReadOnlyOptions

        @Flag(name: .long, help: "PRAGMA quick_check instead: does not compare indexes with their tables; faster.")
        var quick = false

        @Flag(name: .long, help: "Print JSON (docs/cli-json.md).")
        var json = false

        func run() throws {
            let path = try options.databasePath()
            let report: IntegrityReport
            do {
                report = try IntegrityReport.check(path: path, full: !quick)
            } catch {
                if json {
                    try DatabaseCheckJSON(path: path, check: quick ? "quick_check" : "integrity_check", verdict: "unknown",
                                          exitCode: 3, problems: ["\(error)"]).printJSON()
                } else {
                    print("\(path): the check could not run: \(error)")
                }
                throw ExitCode(3)
            }
            let exitCode: Int32 = report.isOK ? 0 : 2
            if json {
                try DatabaseCheckJSON(path: path, check: quick ? "quick_check" : "integrity_check",
                                      verdict: report.isOK ? "ok" : "damaged", exitCode: exitCode, problems: report.problems).printJSON()
            } else if report.isOK {
                print("\(path): \(quick ? "quick_check" : "integrity_check") ok")
            } else {
                print("\(path): DAMAGED — \(quick ? "quick_check" : "integrity_check") found \(report.problems.count) problem(s):")
                for problem in report.problems { print("  \(problem)") }
                print("Restore a backup or salvage the edits with `billing-sync db recover` (docs/operations.md).")
            }
            if exitCode != 0 { throw ExitCode(exitCode) }
        }
    }
}
