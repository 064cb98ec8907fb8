#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import BillingSyncDaemon

@Suite("Watchdog settings and the progress-gated watchdog")
struct WatchdogTests {
    @Test("WATCHDOG_USEC gives a ping interval of half the timeout")
    func readsEnvironment() {
        let settings = WatchdogSettings.fromEnvironment(["WATCHDOG_USEC": "60000000"], processID: 77)
        #expect(settings?.timeout == .seconds(60))
        #expect(settings?.pingInterval == .seconds(30))
    }

    @Test("WATCHDOG_PID must name this process; missing or zero WATCHDOG_USEC disables it")
    func honoursPIDAndInvalidValues() {
        #expect(WatchdogSettings.fromEnvironment(["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "77"], processID: 77) != nil)
        #expect(WatchdogSettings.fromEnvironment(["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "78"], processID: 77) == nil)
        #expect(WatchdogSettings.fromEnvironment([:], processID: 77) == nil)
        #expect(WatchdogSettings.fromEnvironment(["WATCHDOG_USEC": "0"], processID: 77) == nil)
        #expect(WatchdogSettings.fromEnvironment(["WATCHDOG_USEC": "soon"], processID: 77) == nil)
        #expect(ProgressWatchdog(notifier: nil, settings: WatchdogSettings(timeout: .seconds(1))) == nil)
    }

    @Test("pings only after progress was recorded, once per interval")
    func pingsOnlyWithProgress() async throws {
        let receiver = try DatagramReceiver(abstract: false)
        let notifier = try #require(try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket]))
        let watchdog = ProgressWatchdog(notifier: notifier, interval: .milliseconds(40))
        let running = Task { try await watchdog.run() }
        defer { running.cancel() }

        // No work done: several intervals pass without a ping.
        #expect(await receiver.receive(timeout: .milliseconds(300)) == nil)

        // Generous (as in `stopsOnCancellation`): a tick needs a free thread of the cooperative
        // pool, which a loaded 2-core machine running the whole suite may not have for seconds
        // (CI once waited more than 2 s, and the late ping then spoiled the next check).
        watchdog.recordProgress()
        #expect(await receiver.receive(timeout: .seconds(20)) == "WATCHDOG=1")
        // One heartbeat earns one ping, not a free-running stream of them.
        #expect(await receiver.receive(timeout: .milliseconds(300)) == nil)

        watchdog.recordProgress()
        #expect(await receiver.receive(timeout: .seconds(20)) == "WATCHDOG=1")
    }

    @Test("run returns when its task is cancelled")
    func stopsOnCancellation() async throws {
        let receiver = try DatagramReceiver(abstract: true)
        let notifier = try #require(try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket]))
        let watchdog = ProgressWatchdog(notifier: notifier, interval: .milliseconds(20))
        let running = Task { try await watchdog.run() }
        watchdog.recordProgress()
        // Generous: the first tick needs a free thread of the cooperative pool, which a loaded
        // 2-core machine running the whole suite may not have for a few seconds.
        #expect(await receiver.receive(timeout: .seconds(20)) == "WATCHDOG=1")
        running.cancel()
        try await running.value
        watchdog.recordProgress()
        #expect(await receiver.receive(timeout: .milliseconds(200)) == nil)
    }
}
