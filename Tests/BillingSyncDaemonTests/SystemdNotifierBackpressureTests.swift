import BillingSyncDaemon
import Foundation
import Testing

@Suite("sd_notify never blocks the daemon")
struct SystemdNotifierBackpressureTests {
    @Test("a manager that stops reading gets its queue filled, then datagrams are dropped at once")
    func fullQueueDoesNotBlock() throws {
        let receiver = try DatagramReceiver(abstract: false)  // bound, but never read in this test
        let notifier = try #require(try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket]))
        let started = ContinuousClock.now
        var dropped = 0
        for index in 0..<2_000 {
            do {
                try notifier.send(.status("status line \(index) " + String(repeating: "x", count: 200)))
            } catch {
                #expect(error.code == .sendFailed)
                dropped += 1
            }
        }
        // A blocking send would hang here forever once the socket's queue is full.
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(dropped > 0, "the receive queue never filled; the test proves nothing")
        withExtendedLifetime(receiver) {}
    }
}
