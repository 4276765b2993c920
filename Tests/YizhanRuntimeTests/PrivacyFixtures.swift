import Foundation
import YizhanConfig
import YizhanKernel
import YizhanKernelTesting
import YizhanRuntime

/// The person and the workspace the privacy tests (keys, backups, rotation, erasure) share.
enum PrivacyFixtures {
    /// 王小明 of 百步, with an ID number, a phone and his consent.
    static let wang = ClientRequest(
        station: "baibu",
        village: "330424102201",
        name: "王小明",
        idNumber: "330424198506120014",
        phone: "13800000001",
        consentDate: "2021-03-01",
        consentScope: ["接受服务", "个人信息收集与使用"]
    )

    /// A new workspace in `folder` on `database`, holding 百步's directory and 王小明.
    static func workspace(in folder: URL, database: String = Workspace.defaultDatabase) async throws -> Workspace {
        let workspace = try await Workspace.create(
            at: folder,
            file: WorkspaceFile(name: "海盐", county: Fixtures.haiyan, database: database)
        )
        try await workspace.withStore { store in
            try await store.commit(Fixtures.directory())
            try await RegisterClient(store: store, vault: try await workspace.vault(for: store)).register(
                wang,
                actor: .cli
            )
        }
        return workspace
    }
}
