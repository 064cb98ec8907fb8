import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import Foundation
import PartnerCenterClient
import EmulatorCore
import PartnerCenterModels
import Synchronization
import Testing

@Suite("Claim owners")
struct ClaimOwnerTests {
    @Test("a claim of this process is alive; one of a process that ended, or of a reused pid, is not")
    func liveness() throws {
        let me = ClaimOwner.currentProcess
        #expect(me.isAlive(me.id))
        let host = ProcessInfo.processInfo.hostName
        // A pid far above pid_max cannot exist.
        #expect(!me.isAlive("pid:99999999:12345@\(host)#abcd"))
        // This pid with another start time: the pid was reused.
        #expect(!me.isAlive("pid:\(getpid()):1@\(host)#abcd"))
        // Another host's owner cannot be checked here: only its lease can end it.
        #expect(me.isAlive("pid:1:1@some-other-host#abcd"))
        #expect(ClaimOwner.distinctInThisProcess().id != me.id)
    }
}
