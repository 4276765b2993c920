import Foundation
public import YizhanConfig
public import YizhanKernel

extension ShippedConfig {
    /// The standard in `file`, else the shipped one with id `id`, else every shipped standard in
    /// file-name order.
    ///
    /// - Throws: `RuntimeError` when the shipped folder cannot be found; `ConfigErrors` for a bad file.
    public static func standards(id: String?, file: String?) throws -> [StandardFile] {
        if let file {
            return [try StandardFile.load(from: URL(fileURLWithPath: file), displayPath: file)]
        }
        if let id {
            let relative = "config/standards/\(id).yaml"
            return [try StandardFile.load(from: try locate(relative, option: "--standard-file"), displayPath: relative)]
        }
        let folder = try locate("config/standards", option: "--standard-file")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        return try files.sorted().map {
            try StandardFile.load(from: folder.appendingPathComponent($0), displayPath: "config/standards/\($0)")
        }
    }

    /// Every shipped evaluation scheme, in file-name order.
    public static func schemes() throws -> [EvaluationFile] {
        let folder = try locate("config/evaluations", option: "--scheme")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        return try files.sorted().map {
            try EvaluationFile.load(from: folder.appendingPathComponent($0), displayPath: "config/evaluations/\($0)")
        }
    }

    /// The shipped evaluation scheme with id `id` (`config/evaluations/ID.yaml`).
    public static func scheme(id: String) throws -> EvaluationFile {
        let relative = "config/evaluations/\(id).yaml"
        return try EvaluationFile.load(from: try locate(relative, option: "--scheme"), displayPath: relative)
    }
}

extension ShippedConfig {
    /// The approval workflows of every shipped template (`approvals:`), in file-name order, each id once.
    ///
    /// - Throws: `RuntimeError` when the shipped folder cannot be found; `ConfigErrors` for a bad
    ///   file; `ConfigError` when two templates give one id different workflows.
    public static func approvalWorkflows() throws -> [ApprovalWorkflow] {
        let folder = try locate("config/templates", option: "--workspace")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        var found: [ApprovalWorkflow] = []
        for name in files.sorted() {
            let template = try TemplateFile.load(
                from: folder.appendingPathComponent(name),
                displayPath: "config/templates/\(name)"
            )
            for entry in template.approvals ?? [] {
                let workflow = entry.workflow
                if let earlier = found.first(where: { $0.id == workflow.id }) {
                    guard earlier == workflow else {
                        throw ConfigError(
                            code: .inconsistent,
                            file: "config/templates/\(name)",
                            keyPath: "approvals",
                            detail: LocalizedText(
                                "审核流程“\(workflow.id)”在两个模板中定义不同",
                                en: "approval workflow '\(workflow.id)' differs between two templates"
                            )
                        )
                    }
                    continue
                }
                found.append(workflow)
            }
        }
        return found
    }
}

extension ShippedConfig {
    /// The shipped workflows the workspace's `approvals:` names, in its order.
    ///
    /// - Throws: `ConfigError` for an id no shipped template defines.
    public static func approvalWorkflows(enabledIn file: WorkspaceFile) throws -> [ApprovalWorkflow] {
        let all = try approvalWorkflows()
        return try (file.approvals ?? []).map { id in
            guard let found = all.first(where: { $0.id == id }) else {
                let known = all.map(\.id).joined(separator: "、")
                throw ConfigError(
                    code: .invalidValue,
                    file: "yizhan.yaml",
                    keyPath: "approvals",
                    detail: LocalizedText(
                        "没有审核流程“\(id)”;模板中的流程:\(known)",
                        en: "no approval workflow '\(id)'; the templates define: \(known)"
                    )
                )
            }
            return found
        }
    }
}

extension ShippedConfig {
    /// The residents' request rules the workspace names (`requests:` in `yizhan.yaml`, a file of
    /// `config/requests/`), or the shipped rules when it names none.
    ///
    /// - Throws: `RuntimeError` when the named file cannot be found; `ConfigErrors` for a bad file.
    public static func requestPolicy(enabledIn file: WorkspaceFile) throws -> RequestPolicy {
        guard let id = file.requests else { return .shipped }
        let relative = "config/requests/\(id).yaml"
        return try RequestPolicyFile.loadChecked(
            from: try locate(relative, option: "--workspace"),
            displayPath: relative
        )
        .policy
    }
}
