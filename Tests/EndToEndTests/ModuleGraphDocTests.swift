import BillingSyncSpawn
import Foundation
import Testing

/// docs/architecture.md's module graph is `Package.swift`'s: each target of the project (tests
/// left out) with the project targets it depends on, read through `swift package dump-package`.
@Suite("docs/architecture.md's module graph")
struct ModuleGraphDocTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private struct Manifest: Decodable {
        struct Target: Decodable {
            let name: String
            let type: String
            let dependencies: [[String: [Dependency?]]]
        }
        enum Dependency: Decodable {
            case name(String), other
            init(from decoder: any Decoder) throws {
                self = (try? decoder.singleValueContainer().decode(String.self)).map(Dependency.name) ?? .other
            }
        }
        let targets: [Target]
    }

    /// `target → dependency, …` lines, sorted, from Package.swift.
    private func declaredGraph() throws -> [String] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("module-graph-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathExtension("json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let child = ChildProcess()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Its own scratch path: `swift test` holds the lock of the package's .build.
        child.arguments = ["swift", "package", "--scratch-path", scratch.path, "dump-package"]
        child.currentDirectoryURL = Self.repository
        child.standardOutput = try FileHandle(forWritingTo: output)
        child.standardError = FileHandle.nullDevice
        try child.run()
        child.waitUntilExit()
        try #require(child.terminationStatus == 0, "swift package dump-package failed")
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: output))
        let names = Set(manifest.targets.map(\.name))
        return manifest.targets.filter { $0.type != "test" }.map { target in
            let dependencies = target.dependencies.flatMap(\.values).compactMap { $0.first ?? nil }
                .compactMap { if case .name(let name) = $0, names.contains(name) { name } else { nil } }
            return "\(target.name) → " + (dependencies.isEmpty ? "—" : Set(dependencies).sorted().joined(separator: ", "))
        }.sorted()
    }

    /// The lines of the ```text block under "## Module graph".
    private func documentedGraph() throws -> [String] {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        let section = try #require(text.range(of: "## Module graph"))
        let block = try #require(text.range(of: "```text\n", range: section.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "\n```", range: block.upperBound..<text.endIndex))
        return text[block.upperBound..<end.lowerBound].split(separator: "\n").map(String.init).sorted()
    }

    @Test("the documented graph equals the declared one, line by line")
    func graphMatchesPackage() throws {
        let declared = try declaredGraph()
        let documented = try documentedGraph()
        #expect(declared.count > 10)
        #expect(Set(declared).subtracting(documented).sorted() == [], "declared in Package.swift, not in docs/architecture.md")
        #expect(Set(documented).subtracting(declared).sorted() == [], "in docs/architecture.md, not in Package.swift")
    }
}
