import PartnerCenterModels

extension EmulatorState {
    /// Starts, changes (nil: stops) the background drift.
    public func setDrift(_ settings: DriftSettings?) {
        driftTask?.cancel()
        driftTask = nil
        drift = settings
        guard let settings, settings.changesPerMinute > 0 else { return }
        driftTask = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: settings.interval)
                guard !Task.isCancelled, let self else { return }
                await self.applyDrift()
            }
        }
    }

    /// Stops background work (drift) for shutdown.
    package func stopBackgroundWork() {
        driftTask?.cancel()
        driftTask = nil
    }

    /// One edit of a random profile, as another admin would make it.
    func applyDrift() {
        guard let id = order.randomElement(using: &rng) else { return }
        let field = ["defaultAddress.city", "defaultAddress.phoneNumber", "companyName", "defaultAddress.addressLine2"]
            .randomElement(using: &rng)!
        let suffix = Int.random(in: 1...9999, using: &rng)
        let value: String = switch field {
        case "defaultAddress.phoneNumber": "4255550\(suffix)"
        case "defaultAddress.addressLine2": "Suite \(suffix)"
        case "defaultAddress.city": "Drift City \(suffix)"
        default: "Renamed Company \(suffix) Ltd"
        }
        modifyProfile(id) { $0.setValue(.string(value), atPath: field) }
    }
}
