import YizhanKernel

/// Pieces of shape that several file kinds share.
enum CommonShapes {
    /// `{ code, name }` — a named division.
    static let unit = ObjectShape([
        .required("code", .divisionCode, LocalizedText("统计用区划代码", en: "statistical division code")),
        .required("name", .text, LocalizedText("名称", en: "name")),
    ])

    /// `{ code, name }` — an entry of a code list.
    static let codeEntry = ObjectShape([
        .required("code", .identifier, LocalizedText("代码", en: "code")),
        .required("name", .text, LocalizedText("中文名称", en: "Chinese name")),
    ])

    /// The code lists a template defines and a station may extend.
    static let codeLists = ObjectShape([
        .optional("clientCategories", .list(.object(codeEntry)), LocalizedText("服务对象类别", en: "client categories")),
        .optional("serviceKinds", .list(.object(codeEntry)), LocalizedText("服务类型", en: "kinds of service")),
        .optional("serviceDomains", .list(.object(codeEntry)), LocalizedText("服务领域", en: "service domains")),
    ])

    /// An extra field of service records, as a template or a station defines it.
    static let field = ObjectShape([
        .required("id", .identifier, LocalizedText("字段标识", en: "field id")),
        .required("name", .text, LocalizedText("字段名称", en: "field name")),
        .required(
            "type",
            .oneOf(FieldDefinition.FieldType.allCases.map(\.rawValue)),
            LocalizedText("类型:text、integer、boolean、date、choice", en: "type: text, integer, boolean, date, choice")
        ),
        .optional("options", .list(.text), LocalizedText("choice 的可选值", en: "the choices of a choice field")),
        .optional("required", .boolean, LocalizedText("记录时必填", en: "required on every record")),
        .optional("source", .text, LocalizedText("出处", en: "source")),
    ])

    /// An indicator as a template defines it, or as a station adds or overrides it.
    static func indicator(requireDefinition: Bool) -> ObjectShape {
        func field(_ name: String, _ shape: Shape, _ summary: LocalizedText) -> ObjectShape.Field {
            requireDefinition ? .required(name, shape, summary) : .optional(name, shape, summary)
        }
        return ObjectShape([
            .required("id", .identifier, LocalizedText("指标标识", en: "indicator id")),
            field("name", .text, LocalizedText("指标名称", en: "indicator name")),
            field("unit", .text, LocalizedText("单位,如 人次、课时", en: "unit, e.g. person-times, hours")),
            field("period", .oneOf(Period.allCases.map(\.rawValue)), LocalizedText("统计周期", en: "period")),
            .optional("metric", .identifier, LocalizedText("由哪项数据计算", en: "the metric that computes it")),
            .optional("atLeast", .integer(0...1_000_000_000), LocalizedText("目标下限", en: "target: at least")),
            .optional("atMost", .integer(0...1_000_000_000), LocalizedText("目标上限", en: "target: at most")),
            .optional("required", .boolean, LocalizedText("社工站不可停用", en: "stations cannot disable it")),
            .optional("overridable", .boolean, LocalizedText("社工站可改目标", en: "stations may change the target")),
            .optional("disabled", .boolean, LocalizedText("本站停用此指标", en: "this station disables it")),
            .optional("source", .text, LocalizedText("出处(种子、章节)", en: "source (seed, section)")),
        ])
    }
}

/// A reporting period of an indicator.
public enum Period: String, CaseIterable, Sendable, Codable {
    /// 年度.
    case year
    /// 半年.
    case halfYear
    /// 季度.
    case quarter
    /// 月度.
    case month
}

/// An entry of a code list: a code and its Chinese name.
public struct CodeEntry: Hashable, Sendable, Codable {
    /// The code.
    public var code: String
    /// The Chinese name.
    public var name: String
}

/// The code lists of a template or a station's additions to them.
public struct CodeLists: Hashable, Sendable, Codable {
    /// Client categories (低保, 特困 …).
    public var clientCategories: [CodeEntry]?
    /// Kinds of service.
    public var serviceKinds: [CodeEntry]?
    /// Service domains (为老, 救助 …).
    public var serviceDomains: [CodeEntry]?

    /// Every list, by name.
    public var all: [(String, [CodeEntry])] {
        [
            ("clientCategories", clientCategories ?? []), ("serviceKinds", serviceKinds ?? []),
            ("serviceDomains", serviceDomains ?? []),
        ]
    }
}

/// An indicator with its target, as a template defines it or a station adds or overrides it.
public struct IndicatorEntry: Hashable, Sendable, Codable {
    /// The indicator's id.
    public var id: String
    /// Its name.
    public var name: String?
    /// Its unit.
    public var unit: String?
    /// Its period.
    public var period: Period?
    /// The metric that computes it.
    public var metric: String?
    /// Target: at least.
    public var atLeast: Int?
    /// Target: at most.
    public var atMost: Int?
    /// Whether stations must keep it.
    public var required: Bool?
    /// Whether stations may change its target.
    public var overridable: Bool?
    /// Whether this station disables it.
    public var disabled: Bool?
    /// Where it comes from.
    public var source: String?
}

/// An extra field of service records that a template or a station defines.
public struct FieldDefinition: Hashable, Sendable, Codable {
    /// The value types a field can have.
    public enum FieldType: String, CaseIterable, Sendable, Codable {
        /// Free text.
        case text
        /// A whole number.
        case integer
        /// Yes or no.
        case boolean
        /// A civil date.
        case date
        /// One of `options`.
        case choice
    }

    /// The field's id.
    public var id: String
    /// Its name.
    public var name: String
    /// Its type.
    public var type: FieldType
    /// The choices, for `choice`.
    public var options: [String]?
    /// Whether every record must fill it.
    public var required: Bool?
    /// Where it comes from.
    public var source: String?
}
