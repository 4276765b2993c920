public import YizhanKernel

/// The header dictionary (`config/ledgers/headers.yaml`): which column headings in a station's
/// Excel ledger mean which field, and which words in its cells mean which code, so that
/// `yizhan import` reads ledgers as stations keep them (issue 6).
public struct LedgerHeadersFile: ConfigFile, Hashable {
    /// The service ledger (服务台账).
    public var services: Ledger
    /// The client ledger (服务对象花名册).
    public var clients: Ledger
    /// The volunteer roster (志愿者名册).
    public var volunteers: Ledger
    /// The donation ledger (捐赠台账).
    public var donations: Ledger

    /// One ledger's headings and value words.
    public struct Ledger: Hashable, Sendable, Codable {
        /// For each field, the headings that mean it; the first is the one exports write.
        public var columns: [String: [String]]
        /// For a field, words that mean a code: `kind: {入户走访: homeVisit}`.
        public var values: [String: [String: String]]?
    }

    /// The fields a service ledger may have, in export order.
    public static let serviceFields = [
        "date", "kind", "duration", "village", "workers", "clients", "headCount", "program", "subProject", "photos",
        "note", "record",
    ]
    /// The fields a service ledger may have that its export never writes: the person served, by
    /// name beside the ID number in the clients column, and their consent, by which an import
    /// registers a person not registered yet (issue 22.1). An export names clients by id only.
    public static let serviceImportFields = ["clientName", "consentDate", "consentScope", "consentBy"]
    /// The fields a donation ledger may have, in export order.
    public static let donationFields = [
        "date", "donorKind", "donor", "kind", "amount", "goods", "purpose", "channel", "matching", "reference", "note",
        "donation",
    ]
    /// The fields a volunteer roster may have, in export order.
    public static let volunteerFields = ["name", "idNumber", "phone", "village", "registeredOn", "note"]
    /// The fields a client ledger may have, in export order.
    public static let clientFields = [
        "name", "idNumber", "phone", "village", "categories", "consentDate", "consentScope", "consentBy", "risk",
        "note",
    ]

    private static func ledgerShape(_ fields: [String]) -> Shape {
        .object(
            ObjectShape([
                .required(
                    "columns",
                    .dictionary(.list(.text)),
                    LocalizedText("字段 → 表头写法(\(fields.joined(separator: "、")))", en: "field → headings (\(fields))")
                ),
                .optional(
                    "values",
                    .dictionary(.dictionary(.text)),
                    LocalizedText("字段 → {单元格写法: 代码}", en: "field → {cell word: code}")
                ),
            ])
        )
    }

    public static let shape = ObjectShape([
        .required(
            "services",
            ledgerShape(serviceFields + serviceImportFields),
            LocalizedText("服务台账", en: "the service ledger")
        ),
        .required("clients", ledgerShape(clientFields), LocalizedText("服务对象花名册", en: "the client ledger")),
        .required("volunteers", ledgerShape(volunteerFields), LocalizedText("志愿者名册", en: "the volunteer roster")),
        .required("donations", ledgerShape(donationFields), LocalizedText("捐赠台账", en: "the donation ledger")),
    ])

    /// Key paths and what is wrong there: unknown fields, fields without a heading, a heading used
    /// for two fields.
    public func dictionaryProblems() -> [(String, LocalizedText)] {
        var problems: [(String, LocalizedText)] = []
        for (name, ledger, fields) in [
            ("services", services, Self.serviceFields + Self.serviceImportFields),
            ("clients", clients, Self.clientFields),
            ("volunteers", volunteers, Self.volunteerFields), ("donations", donations, Self.donationFields),
        ] {
            var owners: [String: String] = [:]
            for (field, headings) in ledger.columns.sorted(by: { $0.key < $1.key }) {
                if !fields.contains(field) {
                    problems.append(
                        (
                            "\(name).columns.\(field)",
                            LocalizedText(
                                "未知字段“\(field)”,应为:\(fields.joined(separator: "、"))",
                                en: "unknown field '\(field)'; expected one of \(fields)"
                            )
                        )
                    )
                }
                if headings.isEmpty {
                    problems.append(
                        ("\(name).columns.\(field)", LocalizedText("至少要有一种表头写法", en: "give at least one heading"))
                    )
                }
                for heading in headings {
                    let key = LedgerHeadersFile.normalized(heading)
                    if let owner = owners[key], owner != field {
                        problems.append(
                            (
                                "\(name).columns.\(field)",
                                LocalizedText(
                                    "表头“\(heading)”已用于字段“\(owner)”",
                                    en: "heading '\(heading)' already means '\(owner)'"
                                )
                            )
                        )
                    }
                    owners[key] = field
                }
            }
            for field in (ledger.values ?? [:]).keys.sorted() where !fields.contains(field) {
                problems.append(
                    ("\(name).values.\(field)", LocalizedText("未知字段“\(field)”", en: "unknown field '\(field)'"))
                )
            }
        }
        return problems
    }

    /// A heading as it is compared: without spaces (also full-width), line breaks, and with
    /// full-width parentheses made ASCII — `时长 (分钟)`, `时长(分钟)` and `时长\n（分钟）` are one heading.
    public static func normalized(_ heading: String) -> String {
        // ASCII without spaces or capitals (a code such as `homeVisit` lower-cased) is already normal.
        if heading.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x80 && !(0x41...0x5A).contains($0) }) { return heading }
        var text = ""
        for character in heading {
            switch character {
            case " ", "\u{3000}", "\t", "\n", "\r", "\r\n": continue
            case "（": text.append("(")
            case "）": text.append(")")
            default: text.append(character)
            }
        }
        return text.lowercased()
    }
}
