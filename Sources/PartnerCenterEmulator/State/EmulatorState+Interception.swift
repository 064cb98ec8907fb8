import PartnerCenterModels

extension EmulatorState {
    /// Makes "another admin" change the customer's profile right before the next PUT of that
    /// profile is processed: the PUT's If-Match is then stale and it is answered 412 (or 400/2055),
    /// exactly the race a real client meets between its GET and its PUT.
    public func interceptNextWrite(to id: CustomerID, _ change: @escaping @Sendable (inout JSONValue) -> Void) {
        interceptions[id] = change
    }
}
