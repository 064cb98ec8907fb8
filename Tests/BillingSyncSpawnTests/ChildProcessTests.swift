import BillingSyncSpawn
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `ChildProcess` behaves as the part of Foundation's `Process` the tests used, and the child
/// inherits no descriptor of this process beyond its three standard streams.
@Suite struct ChildProcessTests {
    private func shell(_ script: String) -> ChildProcess {
        let child = ChildProcess()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", script]
        return child
    }

    private func output(of child: ChildProcess) throws -> String {
        let pipe = Pipe()
        child.standardOutput = pipe
        try child.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func theChildGetsOnlyItsStandardStreams() throws {
        let extra = (0..<200).map { _ in open("/dev/null", O_RDONLY) }
        defer { extra.forEach { close($0) } }
        #expect(extra.allSatisfy { $0 >= 0 })
        // The shell's own listing: 0, 1, 2 and the descriptor `ls` opens to read the folder.
        let listed = try output(of: shell("ls /proc/self/fd")).split(separator: "\n").compactMap { Int($0) }
        #expect(listed.count <= 4 && Set(listed).isSuperset(of: [0, 1, 2]), "inherited: \(listed)")
    }

    @Test func exitCodeSignalAndReason() throws {
        let exits = shell("exit 7")
        try exits.run()
        exits.waitUntilExit()
        #expect(exits.terminationStatus == 7 && exits.terminationReason == .exit)

        let sleeper = shell("exec sleep 30")
        try sleeper.run()
        #expect(sleeper.isRunning && sleeper.processIdentifier > 0)
        sleeper.terminate()
        sleeper.waitUntilExit()
        #expect(!sleeper.isRunning)
        #expect(sleeper.terminationStatus == SIGTERM && sleeper.terminationReason == .uncaughtSignal)
    }

    @Test func environmentDirectoryAndInputPipe() throws {
        let child = shell("read line; echo \"$GREETING $line $(pwd)\"")
        child.environment = ["GREETING": "hello", "PATH": "/usr/bin:/bin"]
        child.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let input = Pipe()
        child.standardInput = input
        let pipe = Pipe()
        child.standardOutput = pipe
        try child.run()
        input.fileHandleForWriting.write(Data("world\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        #expect(text == "hello world /tmp\n")
        #expect(child.terminationStatus == 0)
    }

    @Test func theNullDeviceReadsEmpty() throws {
        let child = shell("cat; echo done")
        child.standardInput = FileHandle.nullDevice
        #expect(try output(of: child) == "done\n")
    }

    @Test func aMissingProgramIsAnError() {
        let child = ChildProcess()
        child.executableURL = URL(fileURLWithPath: "/nonexistent/program")
        #expect(throws: POSIXError.self) { try child.run() }
        #expect(!child.isRunning)
    }

    /// Foundation's `Process.run()` over-reads glibc's readdir buffer on Linux (swift-corelibs-foundation
    /// PR 5472): seen here as a SIGSEGV of the whole test process. Nothing in this package spawns
    /// through it; everything goes through `ChildProcess`.
    @Test func nothingSpawnsThroughFoundationProcess() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var offenders: [String] = []
        for folder in ["Sources", "Tests"] {
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let file = enumerator?.nextObject() as? URL {
                guard file.pathExtension == "swift", file.lastPathComponent != "ChildProcessTests.swift" else { continue }
                let text = try String(contentsOf: file, encoding: .utf8)
                if text.range(of: #"(?<![A-Za-z])Process\(\)"#, options: .regularExpression) != nil {
                    offenders.append(file.lastPathComponent)
                }
            }
        }
        #expect(offenders.isEmpty, "spawn through ChildProcess instead: \(offenders)")
    }
}
