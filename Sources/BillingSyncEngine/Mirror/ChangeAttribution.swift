import BillingSyncStore

/// Whose change a mirror write records in `profile_history`.
public enum ChangeAttribution: Sendable, Equatable {
    /// Every field that changed was changed at Partner Center by someone else (`remote`): a
    /// fetch, or the read that settled edits without a PUT of ours in it.
    case remote
    /// A body that carries our push. The fields in `ours` are our change (`push`), each naming
    /// the edit whose value it took (`editIDs`, else `lastEdit`); any other field that changed
    /// in the same body was someone else's (`remote`). Empty `ours`: nothing of ours in it.
    case push(ours: Set<String>, editIDs: [String: Int64], lastEdit: Int64?)

    /// The source and edit of a history row for `field`.
    func attribute(_ field: String) -> (source: ChangeSource, editID: Int64?) {
        switch self {
        case .remote:
            return (.remote, nil)
        case .push(let ours, let editIDs, let lastEdit):
            return ours.contains(field) ? (.push, editIDs[field] ?? lastEdit) : (.remote, nil)
        }
    }
}
