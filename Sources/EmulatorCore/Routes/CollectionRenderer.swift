import PartnerCenterModels

/// The documented `ResourceCollection` shape with `links.self` and, when more remain, `links.next`
/// carrying the `MS-ContinuationToken` header.
enum CollectionRenderer {
    static func render(_ page: Page, selfURI: String, nextURI: String) -> JSONValue {
        var links: [String: JSONValue] = ["self": EmulatedCustomer.link(selfURI)]
        if let token = page.continuationToken {
            links["next"] = EmulatedCustomer.link(nextURI, headers: [("MS-ContinuationToken", token)])
        }
        return .object([
            "totalCount": .integer(Int64(page.items.count)),
            "items": .array(page.items),
            "links": .object(links),
            "attributes": .object(["objectType": .string("Collection")]),
        ])
    }

    /// Resolves the page position: a first page from `size`, or a follow-up from
    /// `seekOperation=Next` plus the `MS-ContinuationToken` header.
    static func position(_ request: EmulatorRequest, kind: PageCursor.Kind) async -> Result<PageCursor?, ReplyError> {
        guard let seek = request.query["seekOperation"] else { return .success(nil) }
        guard seek.lowercased() == "next" else {
            return .failure(ReplyError(.invalidInput("seekOperation '\(seek)' is not supported (only Next).")))
        }
        guard let token = request.header("MS-ContinuationToken"), !token.isEmpty else {
            return .failure(ReplyError(.invalidInput("the MS-ContinuationToken header is required with seekOperation=Next.")))
        }
        guard let cursor = await request.state.resolveCursor(token, kind: kind) else {
            return .failure(ReplyError(.invalidInput("the continuation token is invalid or has expired.")))
        }
        return .success(cursor)
    }

    /// The requested `size`; a failure when it is not an integer.
    /// The continuation cursor (nil on a first page) and the requested `size` of a list request.
    static func paging(_ request: EmulatorRequest, kind: PageCursor.Kind) async
        -> Result<(cursor: PageCursor?, requested: Int?), ReplyError> {
        switch await position(request, kind: kind) {
        case .failure(let error): return .failure(error)
        case .success(let cursor): return requestedSize(request).map { (cursor, $0) }
        }
    }

    static func requestedSize(_ request: EmulatorRequest) -> Result<Int?, ReplyError> {
        guard let text = request.query["size"] else { return .success(nil) }
        guard let size = Int(text) else { return .failure(ReplyError(.invalidInput("size '\(text)' is not an integer."))) }
        return .success(size)
    }

    /// Prefix of `links.next.uri` (`/v1` only when configured).
    static func nextPrefix(_ configuration: EmulatorConfiguration) -> String {
        configuration.nextLinkIncludesVersion ? "/v1" : ""
    }
}

/// A reply carried as an error, for early exits from helpers.
package struct ReplyError: Error {
    package let reply: EmulatorReply
    package init(_ reply: EmulatorReply) { self.reply = reply }
}
