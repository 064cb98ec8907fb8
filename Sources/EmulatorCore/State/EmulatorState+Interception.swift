import PartnerCenterModels

extension EmulatorState {
    /// Makes "another admin" change the customer's profile right before the next PUT of that
    /// profile is processed: the PUT's If-Match is then stale and it is answered 412 (or 400/2055),
    /// exactly the race a real client meets between its GET and its PUT.
    public func interceptNextWrite(to id: CustomerID, _ change: @escaping @Sendable (inout JSONValue) -> Void) {
        interceptions[id] = change
    }

    /// Makes "another admin" remove the customer right before the next PUT of its profile is
    /// processed: the PUT is answered 404, the race of a relationship ending between GET and PUT.
    public func removeBeforeNextWrite(of id: CustomerID) {
        removalsBeforeWrite.insert(id)
    }
}
