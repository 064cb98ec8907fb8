// swift-tools-version:6.0
// billing-sync: mirrors Microsoft Partner Center customer billing profiles into SQLite.
import PackageDescription

let package = Package(
    name: "BillingSync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "billing-sync", targets: ["BillingSyncCLI"]),
        .executable(name: "billing-sync-bench", targets: ["BillingSyncBench"]),
        .library(name: "BillingSyncStore", targets: ["BillingSyncStore"]),
        .library(name: "PartnerCenterEmulator", targets: ["PartnerCenterEmulator"]),
        .library(name: "BillingSyncTesting", targets: ["BillingSyncTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // MARK: SQLite
        .systemLibrary(
            name: "CBillingSyncSQLite",
            path: "Sources/CBillingSyncSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "BillingSyncSQLite", dependencies: ["CBillingSyncSQLite"]),

        // MARK: Child processes for tests and tools (posix_spawn without Foundation's /proc/self/fd scan)
        .target(name: "CChildProcess"),
        .target(name: "BillingSyncSpawn", dependencies: ["CChildProcess"]),

        // MARK: Domain and storage
        .target(name: "PartnerCenterModels"),
        .target(name: "BillingSyncStore", dependencies: [
            "BillingSyncSQLite", "PartnerCenterModels",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "BillingSyncConfig", dependencies: [
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),

        // MARK: The services' API (what the engine sees) and its HTTP implementations
        // The ports, their error, backoff and priority types, and the ARM customer types; no HTTP
        // (as NIOCore is to NIOPosix). The clients implement it and re-export it.
        .target(name: "PartnerCenterAPI", dependencies: ["PartnerCenterModels"]),
        .target(name: "PartnerCenterClient", dependencies: [
            "PartnerCenterAPI", "PartnerCenterModels",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .target(name: "AzureBillingClient", dependencies: [
            "PartnerCenterAPI", "PartnerCenterClient", "PartnerCenterModels",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ]),
        // The emulator's state model and routes as answers without a server (shared by the
        // Hummingbird emulator and the simulation's wire).
        .target(name: "EmulatorCore", dependencies: [
            "PartnerCenterModels",
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "PartnerCenterEmulator", dependencies: [
            "EmulatorCore", "PartnerCenterModels",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // MARK: Sync and daemon
        .target(name: "BillingSyncEngine", dependencies: [
            "BillingSyncStore", "PartnerCenterAPI", "PartnerCenterModels",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ]),
        // Files the daemon keeps beside the database, written atomically (the rotated refresh token);
        // the simulation's processes keep theirs the same way without linking the daemon.
        .target(name: "BillingSyncFiles", dependencies: ["BillingSyncStore", "PartnerCenterClient"]),
        .target(name: "BillingSyncDaemon", dependencies: [
            "BillingSyncFiles", "BillingSyncEngine", "BillingSyncConfig", "BillingSyncStore", "BillingSyncSQLite", "PartnerCenterClient", "AzureBillingClient",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .target(name: "BillingSyncSimulation", dependencies: [
            "BillingSyncEngine", "BillingSyncFiles", "BillingSyncStore", "BillingSyncSQLite", "PartnerCenterClient", "EmulatorCore",
            "PartnerCenterModels", "AzureBillingClient", "PartnerCenterAPI",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // Test data: the published JSON examples every test checks against, and ways to damage a database (never shipped).
        .target(name: "BillingSyncFixtures", dependencies: ["BillingSyncSQLite"]),
        // What the demo and `billing-sync emulator --write-config` need beside the emulator (shipped).
        .target(name: "EmulatorSetup", dependencies: ["BillingSyncConfig", "PartnerCenterEmulator"]),
        .target(name: "BillingSyncTesting", dependencies: [
            "BillingSyncFixtures", "BillingSyncSpawn", "EmulatorSetup", "BillingSyncDaemon", "BillingSyncEngine", "BillingSyncConfig", "BillingSyncStore", "BillingSyncSQLite",
            "PartnerCenterClient", "PartnerCenterEmulator", "PartnerCenterModels",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "BillingSyncCLI", dependencies: [
            "BillingSyncDaemon", "BillingSyncEngine", "BillingSyncConfig", "BillingSyncStore", "BillingSyncSQLite",
            "PartnerCenterClient", "PartnerCenterEmulator", "EmulatorSetup", "PartnerCenterModels",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .executableTarget(name: "BillingSyncBench", dependencies: [
            "CChildProcess", "BillingSyncTesting", "BillingSyncEngine", "BillingSyncStore", "BillingSyncSQLite", "CBillingSyncSQLite",
            "BillingSyncDaemon", "BillingSyncSimulation", "BillingSyncConfig", "PartnerCenterEmulator", "PartnerCenterClient", "PartnerCenterModels",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // MARK: Tests
        .testTarget(name: "BillingSyncSpawnTests", dependencies: ["BillingSyncSpawn"]),
        .testTarget(name: "BillingSyncSQLiteTests", dependencies: ["BillingSyncSQLite", "BillingSyncSpawn"]),
        .testTarget(name: "BillingSyncStoreTests", dependencies: ["BillingSyncStore", "BillingSyncSQLite", "BillingSyncFixtures"]),
        .testTarget(name: "BillingSyncConfigTests", dependencies: ["BillingSyncConfig"]),
        .testTarget(name: "PartnerCenterModelsTests", dependencies: ["PartnerCenterModels"]),
        .testTarget(name: "PartnerCenterClientTests", dependencies: [
            "PartnerCenterClient", "AzureBillingClient", "PartnerCenterEmulator", "PartnerCenterModels", "BillingSyncTesting",
            "BillingSyncDaemon", .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "AzureBillingClientTests", dependencies: [
            "AzureBillingClient", "PartnerCenterClient", "PartnerCenterEmulator", "PartnerCenterModels", "BillingSyncTesting",
        ]),
        .testTarget(name: "PartnerCenterEmulatorTests", dependencies: [
            "PartnerCenterEmulator", "PartnerCenterModels", "BillingSyncTesting",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // Built from the engine's port: the real clients over an in-memory wire to EmulatorCore (no daemon, no socket).
        .testTarget(name: "BillingSyncEngineTests", dependencies: [
            "BillingSyncEngine", "BillingSyncStore", "BillingSyncSQLite", "BillingSyncFixtures", "BillingSyncFiles", "PartnerCenterModels",
            "PartnerCenterClient", "AzureBillingClient", "EmulatorCore", "BillingSyncTesting",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "BillingSyncDaemonTests", dependencies: [
            "BillingSyncSpawn", "BillingSyncDaemon", "BillingSyncEngine", "PartnerCenterClient", "PartnerCenterModels", "BillingSyncStore", "BillingSyncSQLite",
            "BillingSyncTesting", "PartnerCenterEmulator",
        ]),
        .testTarget(name: "ReliabilityTests", dependencies: [
            "BillingSyncSpawn", "BillingSyncTesting", "BillingSyncStore", "BillingSyncSQLite", "BillingSyncEngine", "BillingSyncDaemon",
            "BillingSyncConfig", "PartnerCenterEmulator", "PartnerCenterModels", "PartnerCenterClient",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "SimulationTests", dependencies: [
            "BillingSyncSimulation", "BillingSyncEngine", "BillingSyncStore", "PartnerCenterModels",
        ]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "BillingSyncSpawn", "PartnerCenterEmulator", "BillingSyncStore", "BillingSyncTesting", "BillingSyncDaemon", "BillingSyncConfig",
            "BillingSyncSQLite", "PartnerCenterModels",
        ]),
    ]
)
