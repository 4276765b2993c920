// swift-tools-version:6.1

import PackageDescription

let package = Package(
    name: "yizhan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "yizhan", targets: ["yizhan"]),
        .executable(name: "yizhan-notify", targets: ["yizhan-notify"]),
        .executable(name: "yizhan-report", targets: ["yizhan-report"]),
        .executable(name: "yizhan-server", targets: ["yizhan-server"]),
        .library(name: "YizhanKernel", targets: ["YizhanKernel"]),
        .library(name: "YizhanRuntime", targets: ["YizhanRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // The kernel: entities, events, use cases, storage and plugin protocols. Foundation only.
        .target(name: "YizhanKernel", path: "Modules/YizhanKernel"),
        // YAML configuration (Yams) decoded at once into the kernel's Sendable types.
        .target(
            name: "YizhanConfig",
            dependencies: ["YizhanKernel", .product(name: "Yams", package: "Yams")],
            path: "Modules/YizhanConfig"
        ),
        // The embedded default store: GRDB over the system libsqlite3.
        .target(
            name: "YizhanSQLite",
            dependencies: ["YizhanKernel", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Modules/YizhanSQLite"
        ),
        // The store for cities and provinces: PostgreSQL through PostgresNIO.
        .target(
            name: "YizhanPostgres",
            dependencies: [
                "YizhanKernel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Modules/YizhanPostgres"
        ),
        // Personal data sealed (AES-GCM) and digested (HMAC-SHA256) with a key kept outside the database.
        .target(
            name: "YizhanPrivacy",
            dependencies: ["YizhanKernel", .product(name: "Crypto", package: "swift-crypto")],
            path: "Modules/YizhanPrivacy"
        ),
        // Passwords (a keyed pre-hash, then bcrypt) and the random secrets of sessions and API tokens.
        .target(
            name: "YizhanAccounts",
            dependencies: [
                "YizhanKernel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Modules/YizhanAccounts",
            resources: [.copy("Resources/common-passwords.txt")]
        ),
        // Excel workbooks (.xlsx): ZIPFoundation for the package, XMLCoder for the sheets.
        .target(
            name: "YizhanSpreadsheet",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ],
            path: "Modules/YizhanSpreadsheet"
        ),
        // Station ledgers in and out: CSV (UTF-8, BOM or GBK) and XLSX, through the header dictionary.
        .target(
            name: "YizhanLedger",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanSpreadsheet", .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Modules/YizhanLedger"
        ),
        // Construction standards checked over the stations' records, and evaluations scored against schemes.
        .target(
            name: "YizhanCompliance",
            dependencies: ["YizhanKernel", "YizhanConfig"],
            path: "Modules/YizhanCompliance"
        ),
        // Submission, approval and locking up the hierarchy (issue 25): the use cases, the figures' digest, reminders.
        .target(
            name: "YizhanApproval",
            dependencies: ["YizhanKernel", .product(name: "Crypto", package: "swift-crypto")],
            path: "Modules/YizhanApproval"
        ),
        // Report models computed by store queries, and their renderers (Markdown, HTML, CSV, JSON, XLSX).
        .target(
            name: "YizhanReports",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanCompliance", "YizhanSpreadsheet", "YizhanApproval",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Modules/YizhanReports"
        ),
        // Brand plugins (docs/plugins.md): each depends on the kernel alone and bundles its brand YAML.
        .target(
            name: "Baibu159",
            dependencies: ["YizhanKernel"],
            path: "Plugins/Baibu159",
            resources: [.copy("Resources/baibu-159.yaml")]
        ),
        .target(
            name: "GanpuSanrongSanru",
            dependencies: ["YizhanKernel"],
            path: "Plugins/GanpuSanrongSanru",
            resources: [.copy("Resources/ganpu-sanrong.yaml")]
        ),
        .target(
            name: "Tongyuan1398",
            dependencies: ["YizhanKernel"],
            path: "Plugins/Tongyuan1398",
            resources: [.copy("Resources/tongyuan-1398.yaml")]
        ),
        // The composition root: workspace → store → brand catalogue → services.
        .target(
            name: "YizhanRuntime",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanSQLite", "YizhanPostgres", "YizhanPrivacy", "YizhanReports",
                "YizhanLedger", "YizhanCompliance", "YizhanAccounts", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Modules/YizhanRuntime"
        ),
        // The apps' one list of built-in brand plugins (the runtime and the kernel import none).
        .target(
            name: "YizhanBrands",
            dependencies: ["YizhanKernel", "YizhanRuntime", "Baibu159", "GanpuSanrongSanru", "Tongyuan1398"],
            path: "Apps/Brands"
        ),
        // Event delivery: Standard Webhooks signing, the WeCom, DingTalk and Feishu robots, retries.
        .target(
            name: "YizhanWebhooks",
            dependencies: [
                "YizhanKernel", "YizhanConfig",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Modules/YizhanWebhooks"
        ),
        // An HTTP receiver on loopback for the notifier's tests and benchmark.
        .target(
            name: "YizhanWebhookTesting",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Modules/YizhanWebhookTesting"
        ),
        // The server's application: contexts, middleware, the JSON API under /api/v1 (issue 23).
        .target(
            name: "YizhanServer",
            dependencies: [
                "YizhanKernel", "YizhanAccounts", "YizhanRuntime", "YizhanConfig", "YizhanReports", "YizhanLedger",
                "YizhanCompliance", "YizhanApproval",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Modules/YizhanServer",
            resources: [
                .copy("Resources/openapi.yaml"), .copy("Resources/Templates"), .copy("Resources/Assets"),
                .copy("Resources/Strings"),
            ]
        ),
        // What the command-line apps share: workspace and language options, terminal output.
        .target(
            name: "YizhanCommandLine",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Modules/YizhanCommandLine"
        ),
        // Fixtures and the store conformance suite, for test targets only.
        .target(
            name: "YizhanKernelTesting",
            dependencies: ["YizhanKernel", "YizhanApproval"],
            path: "Modules/YizhanKernelTesting"
        ),
        // The contract every brand plugin's tests run, for test targets only.
        .target(
            name: "YizhanPluginTesting",
            dependencies: ["YizhanKernel", "YizhanConfig"],
            path: "Modules/YizhanPluginTesting"
        ),

        // The admin CLI.
        .executableTarget(
            name: "yizhan",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanPrivacy", "YizhanReports", "YizhanRuntime", "YizhanCommandLine",
                "YizhanLedger", "YizhanSpreadsheet", "YizhanCompliance", "YizhanBrands", "YizhanAccounts",
                "YizhanApproval",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Apps/yizhan"
        ),
        // The notifier daemon: delivers the event log to webhooks and chat-group robots.
        .executableTarget(
            name: "yizhan-notify",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanRuntime", "YizhanWebhooks", "YizhanCommandLine",
                "YizhanReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Apps/yizhan-notify"
        ),
        // The multi-user server: accounts, scoped JSON API, on the same use cases as the CLI.
        .executableTarget(
            name: "yizhan-server",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanRuntime", "YizhanServer", "YizhanCommandLine", "YizhanBrands",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Apps/yizhan-server"
        ),
        // The report generator: the county summary and the stations' reports in five formats.
        .executableTarget(
            name: "yizhan-report",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanCompliance", "YizhanReports", "YizhanRuntime",
                "YizhanCommandLine", "YizhanPrivacy", "YizhanBrands", "YizhanApproval",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Apps/yizhan-report"
        ),

        // What the benchmarks share.
        .target(name: "YizhanBenchmarkSupport", dependencies: ["YizhanKernel"], path: "Benchmarks/Support"),
        // Benchmarks, run on demand: swift package benchmark --target RecordPath
        .executableTarget(
            name: "RecordPath",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanRuntime", "YizhanSQLite", "YizhanBenchmarkSupport",
                "YizhanBrands",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/RecordPath",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // swift package benchmark --target StoreBackends (with YIZHAN_TEST_POSTGRES_URL set)
        .executableTarget(
            name: "StoreBackends",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanReports", "YizhanRuntime", "YizhanBenchmarkSupport",
                "YizhanBrands",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/StoreBackends",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // swift run -c release NotifierLoad: deliveries/s and commit-to-delivery latency on loopback.
        .executableTarget(
            name: "NotifierLoad",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanRuntime", "YizhanWebhooks", "YizhanWebhookTesting",
                "YizhanBrands",
                "YizhanBenchmarkSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/NotifierLoad"
        ),
        // swift build -c release --product yizhan-report && swift run -c release ReportScale
        .executableTarget(
            name: "ReportScale",
            dependencies: [
                "YizhanKernel", "YizhanConfig", "YizhanRuntime", "YizhanBenchmarkSupport", "YizhanBrands",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/ReportScale",
            exclude: [
                "station-tallies.sql", "records-three-queries.sql", "records-one-scan.sql",
                "records-one-scan-fields.sql",
            ]
        ),

        // swift build -c release --product yizhan && swift run -c release LedgerImport [rows]
        .executableTarget(
            name: "LedgerImport",
            dependencies: ["YizhanKernel", "YizhanConfig", "YizhanRuntime", "YizhanBenchmarkSupport", "YizhanBrands"],
            path: "Benchmarks/LedgerImport"
        ),

        // swift run -c release DatabaseCopy [records] (with YIZHAN_TEST_POSTGRES_URL set)
        .executableTarget(
            name: "DatabaseCopy",
            dependencies: ["YizhanKernel", "YizhanRuntime", "YizhanBenchmarkSupport", "YizhanBrands"],
            path: "Benchmarks/DatabaseCopy"
        ),

        // swift build -c release --product yizhan-server && swift run -c release ServerLoad [requests] [seconds]
        .executableTarget(
            name: "ServerLoad",
            dependencies: [
                "YizhanKernel", "YizhanRuntime", "YizhanAccounts", "YizhanBenchmarkSupport", "YizhanBrands",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/ServerLoad"
        ),

        .testTarget(name: "YizhanKernelTests", dependencies: ["YizhanKernel"]),
        .testTarget(name: "YizhanConfigTests", dependencies: ["YizhanConfig", "YizhanKernel", "YizhanRuntime"]),
        .testTarget(name: "YizhanComplianceTests", dependencies: ["YizhanCompliance", "YizhanConfig", "YizhanKernel"]),
        .testTarget(name: "YizhanPrivacyTests", dependencies: ["YizhanPrivacy", "YizhanKernel"]),
        .testTarget(name: "YizhanAccountsTests", dependencies: ["YizhanAccounts", "YizhanKernel"]),
        .testTarget(
            name: "YizhanServerTests",
            dependencies: [
                "YizhanServer", "YizhanKernel", "YizhanKernelTesting", "YizhanSQLite", "YizhanRuntime",
                "YizhanAccounts", "YizhanPrivacy", "YizhanReports", "YizhanConfig",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "YizhanCommandLineTests", dependencies: ["YizhanCommandLine", "YizhanKernel"]),
        .testTarget(
            name: "YizhanSpreadsheetTests",
            dependencies: ["YizhanSpreadsheet", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "YizhanSQLiteTests", dependencies: ["YizhanSQLite", "YizhanKernel", "YizhanKernelTesting"]),
        .testTarget(
            name: "YizhanLedgerTests",
            dependencies: [
                "YizhanLedger", "YizhanConfig", "YizhanSpreadsheet", "YizhanKernel", "YizhanKernelTesting",
                "YizhanSQLite", "YizhanRuntime", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "YizhanReportsTests",
            dependencies: ["YizhanReports", "YizhanKernel", "YizhanKernelTesting", "YizhanSQLite"]
        ),
        .testTarget(
            name: "YizhanPostgresTests",
            dependencies: [
                "YizhanPostgres", "YizhanKernel", "YizhanKernelTesting", "YizhanWebhooks", "YizhanWebhookTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "YizhanRuntimeTests",
            dependencies: [
                "YizhanRuntime", "YizhanReports", "YizhanKernel", "YizhanConfig", "YizhanLedger", "YizhanSpreadsheet",
                "YizhanSQLite", "YizhanPrivacy", "YizhanPluginTesting", "YizhanBrands", "Baibu159", "GanpuSanrongSanru",
                "Tongyuan1398", "YizhanKernelTesting", "YizhanCompliance",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "YizhanWebhooksTests",
            dependencies: [
                "YizhanWebhooks", "YizhanWebhookTesting", "YizhanSQLite", "YizhanKernel", "YizhanKernelTesting",
                "YizhanConfig",
            ]
        ),
        .testTarget(
            name: "YizhanEndToEndTests",
            dependencies: [
                "yizhan", "yizhan-notify", "yizhan-report", "yizhan-server", "YizhanWebhookTesting", "YizhanRuntime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Golden", "Ledgers"]
        ),
    ]
)

for target in package.targets where target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
