public import YizhanConfig
public import YizhanKernel

/// The construction standards and evaluation schemes the report routes may name, loaded by the app
/// from the shipped `config/` (as `yizhan-report --standard`, `--scheme` find them).
public struct ReportConfig: Sendable {
    /// The standard and scheme used when a request names none, as on the command line.
    public static let defaultID = "wenzhou-2021"

    /// The standards, by id.
    public let standards: [StandardFile]
    /// The evaluation schemes, by id.
    public let schemes: [EvaluationFile]
    /// The county's residents' request rules, which the county summary's request rates count under.
    public let requestPolicy: RequestPolicy

    /// A configuration with `standards`, `schemes` and the request rules.
    public init(
        standards: [StandardFile] = [],
        schemes: [EvaluationFile] = [],
        requestPolicy: RequestPolicy = .shipped
    ) {
        self.standards = standards
        self.schemes = schemes
        self.requestPolicy = requestPolicy
    }

    /// The standard `id` names, or the default.
    ///
    /// - Throws: `InputError` naming the standards there are.
    func standard(_ id: String?) throws -> StandardFile {
        try pick(id, from: standards, field: "standard", \.id)
    }

    /// The scheme `id` names, or the default.
    func scheme(_ id: String?) throws -> EvaluationFile {
        try pick(id, from: schemes, field: "scheme", \.id)
    }

    private func pick<File>(
        _ id: String?,
        from files: [File],
        field: String,
        _ key: KeyPath<File, String>
    ) throws -> File {
        let wanted = id ?? Self.defaultID
        if let file = files.first(where: { $0[keyPath: key] == wanted }) { return file }
        let known = files.map { $0[keyPath: key] }
        throw InputError(
            issues: [
                InputIssue(
                    code: .unknownReference,
                    field: field,
                    found: String(wanted.prefix(32)),
                    expected: known.isEmpty
                        ? LocalizedText("服务器未载入任何 config/ 文件", en: "the server loaded no config/ files")
                        : LocalizedText(known.joined(separator: "、"), en: known.joined(separator: ", "))
                )
            ]
        )
    }
}
