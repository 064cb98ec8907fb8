import Foundation
import Testing
@testable import BillingSyncConfig

/// Table headers that made TOMLKit's bundled toml++ abort the process (assertion in `parse_key`).
@Suite struct AbortingHeaderTests {
    @Test(arguments: ["[,ync]", "[[=x]]", "[ .a]", "[[ #x]]", "[\u{00E9}t\u{00E9}]", "[[[a]]]"])
    func malformedHeaderIsAnErrorWithItsLine(_ header: String) throws {
        let text = minimalTOML + "\n" + header + "\npage_size = 10\n"
        let failure = try #require(loadFailure(text, environment: try TemporaryDirectory.withCredentials().environment))
        let issue = try #require(failure.issues.first)
        #expect(issue.kind == .syntax)
        #expect(issue.line == minimalTOML.split(separator: "\n", omittingEmptySubsequences: false).count + 1)
        #expect(issue.message.contains("table header"))
    }

    @Test func bracketsInsideValuesAreNotHeaders() throws {
        let text = minimalTOML + """

            [azure]
            billing_accounts = [
              "a", # [,comment]
              '''[,literal''',
            ]
            billing_profiles = ["x/y"] # [,z]
            """
        let credentials = try TemporaryDirectory.withCredentials()
        let loaded = try ConfigurationLoader(environment: credentials.environment).load(toml: text, source: "t.toml")
        #expect(loaded.configuration.azure.billingAccounts == ["a", "[,literal"])
        #expect(TableHeaderPrecheck.firstAbortingHeader(in: "x = \"\"\"\n[,no]\n\"\"\"\n") == nil)
        #expect(TableHeaderPrecheck.firstAbortingHeader(in: "x = [\n[1], {a=1}, [+1]\n]\n") == nil)
        #expect(TableHeaderPrecheck.firstAbortingHeader(in: "x = 1\n[,yes]\n")?.line == 2)
        #expect(TableHeaderPrecheck.firstAbortingHeader(in: "\u{FEFF}[,ync]\n")?.line == 1)
    }
}
