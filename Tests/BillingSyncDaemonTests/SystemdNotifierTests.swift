#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import BillingSyncDaemon

@Suite("sd_notify over a real AF_UNIX datagram socket")
struct SystemdNotifierTests {
    @Test("path and abstract sockets receive the exact protocol datagrams", arguments: [false, true])
    func sendsExactDatagrams(abstract: Bool) async throws {
        let receiver = try DatagramReceiver(abstract: abstract)
        let notifier = try #require(try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket]))
        #expect(notifier.address.isAbstract == abstract)

        try notifier.send([.ready, .status("Healthy: 12 profiles")])
        #expect(await receiver.receive() == "READY=1\nSTATUS=Healthy: 12 profiles")

        try notifier.send(.reloading(monotonicUsec: 123_456_789))
        #expect(await receiver.receive() == "RELOADING=1\nMONOTONIC_USEC=123456789")

        try notifier.send(.stopping)
        #expect(await receiver.receive() == "STOPPING=1")

        try notifier.send(.watchdog)
        #expect(await receiver.receive() == "WATCHDOG=1")

        try notifier.send([.mainPID(4242), .errno(5)])
        #expect(await receiver.receive() == "MAINPID=4242\nERRNO=5")
    }

    @Test("a status with newlines stays one STATUS line")
    func statusIsOneLine() async throws {
        let receiver = try DatagramReceiver(abstract: false)
        let notifier = try #require(try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket]))
        try notifier.send(.status("first\nsecond"))
        #expect(await receiver.receive() == "STATUS=first second")
    }

    @Test("reloadingNow stamps the current CLOCK_MONOTONIC time")
    func reloadingNowUsesMonotonicClock() throws {
        let before = NotifyState.monotonicMicroseconds()
        guard case .reloading(let stamp) = NotifyState.reloadingNow() else {
            Issue.record("reloadingNow must produce .reloading")
            return
        }
        let after = NotifyState.monotonicMicroseconds()
        #expect(before > 0)
        #expect(before <= stamp && stamp <= after)
    }

    @Test("no NOTIFY_SOCKET means no notifier")
    func absentSocketIsNil() throws {
        #expect(try SystemdNotifier(environment: [:]) == nil)
        #expect(try SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]) == nil)
    }

    @Test("unsupported and oversized addresses are rejected with a code")
    func rejectsBadAddresses() {
        #expect(throws: SystemdNotifierError.self) { try SystemdNotifier(environment: ["NOTIFY_SOCKET": "vsock:2:1234"]) }
        #expect(throws: SystemdNotifierError.self) { try SystemdNotifier(environment: ["NOTIFY_SOCKET": "relative/path"]) }
        do {
            _ = try UnixSocketAddress("/" + String(repeating: "x", count: 200))
            Issue.record("a 201-byte path must not fit into sun_path")
        } catch {
            #expect(error.code == .addressTooLong)
        }
    }

    @Test("sending to a socket nobody listens on fails with send_failed")
    func sendToMissingSocketFails() throws {
        let notifier = try #require(try SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/billing-sync/notify"]))
        do {
            try notifier.send(.ready)
            Issue.record("send must fail")
        } catch {
            #expect(error.code == .sendFailed)
            #expect(error.systemErrno == ENOENT)
        }
    }

    @Test("unsetEnvironment removes NOTIFY_SOCKET from the process environment")
    func unsetEnvironmentClearsVariable() throws {
        let receiver = try DatagramReceiver(abstract: true)
        setenv("NOTIFY_SOCKET", receiver.notifySocket, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket], unsetEnvironment: true)
        #expect(notifier != nil)
        #expect(getenv("NOTIFY_SOCKET") == nil)
    }
}
