import BillingSyncEngine
import BillingSyncStore
import PartnerCenterModels

/// The operator's way out for edits the address checks held in `needs_review`, through
/// `EditReview` (what `billing-sync review` calls), at steps the seed chooses: accept suggestion
/// N, push as is, or cancel. Now and then the operator names an edit that is not waiting, or a
/// suggestion that does not exist: that is refused and nothing may change.
extension SimulationDriver {
    /// A review the store or `EditReview` refused, as text.
    struct ReviewRefusal: Error, Sendable {
        let text: String
    }

    func reviewStep() {
        guard let operatorStore else { return }
        let review = EditReview(store: operatorStore)
        let waiting = world.perform { (try? await review.pending()) ?? [] }
        let settled = oracle.lastStatus.filter { $0.value != "needs_review" }.keys.sorted()
        if !settled.isEmpty, rng.roll(0.1) {
            let stale = rng.pick(settled)
            let refused = attempt { try await review.cancel(stale) }
            if case .success = refused { oracle.fail("cancelling edit \(stale), which was not waiting for review, was not refused") }
            trace("operator tries to cancel edit \(stale), which is not waiting: refused")
            return
        }
        guard !waiting.isEmpty else { return }
        let item = rng.pick(waiting)
        let id = item.edit.id
        let count = item.suggestions.count
        let roll = rng.index(100)
        if roll < 45, count > 0 || rng.roll(0.2) {
            let number = rng.roll(0.1) ? count + 1 : 1 + rng.index(max(count, 1))
            switch attempt({ try await review.accept(id, suggestion: number) }) {
            case .success(let patch):
                if number > count { oracle.fail("edit \(id): suggestion \(number) of \(count) was accepted") }
                oracle.reviewed(id, .accepted, patch: patch.changes.mapValues { ProfileDiff.textValue($0) })
                trace("operator accepts suggestion \(number) of \(count) for edit \(id): \(patch.mergePatchJSON().canonicalText())")
                report.reviews += 1
            case .failure(let refusal):
                if number <= count { oracle.fail("accepting suggestion \(number) of \(count) for edit \(id) failed: \(refusal.text)") }
                trace("operator asks for suggestion \(number) of \(count) for edit \(id): refused (\(refusal.text))")
            }
        } else if roll < 75 {
            record(attempt { try await review.pushAsIs(id) }, id, .overridden, "pushes edit \(id) as is (override)")
        } else {
            record(attempt { try await review.cancel(id) }, id, .cancelled, "cancels edit \(id)")
        }
    }

    private func record(_ result: Result<Void, ReviewRefusal>, _ id: Int64, _ action: SimulationOracle.Review, _ text: String) {
        switch result {
        case .success:
            oracle.reviewed(id, action)
            report.reviews += 1
            trace("operator \(text)")
        case .failure(let refusal):
            oracle.fail("edit \(id) waits for review, but the operator's \(action) failed: \(refusal.text)")
        }
    }

    /// Runs one review call on the world's executor.
    private func attempt<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, ReviewRefusal> {
        world.perform {
            do {
                return .success(try await body())
            } catch {
                return .failure(ReviewRefusal(text: "\(error)"))
            }
        }
    }
}
