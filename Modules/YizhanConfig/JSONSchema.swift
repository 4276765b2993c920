import Foundation
public import YizhanKernel

/// JSON Schemas (draft 2020-12) of the configuration file kinds, generated from the same shapes the
/// loader checks, so that editors (yaml-language-server) validate and complete what Yizhan accepts.
public enum JSONSchema {
    /// A configuration file kind with a schema.
    public struct Kind: Sendable {
        /// The schema's file name stem, e.g. `station`.
        public var name: String
        /// What the files are.
        public var title: LocalizedText
        /// Their shape.
        public var shape: ObjectShape
    }

    /// Every file kind.
    public static let kinds: [Kind] = [
        Kind(
            name: "workspace",
            title: LocalizedText("驿站工作区 yizhan.yaml", en: "Yizhan workspace"),
            shape: WorkspaceFile.shape
        ),
        Kind(name: "template", title: LocalizedText("驿站模板", en: "Yizhan template"), shape: TemplateFile.shape),
        Kind(name: "station", title: LocalizedText("驿站社工站配置", en: "Yizhan station"), shape: StationFile.shape),
        Kind(name: "divisions", title: LocalizedText("驿站行政区划", en: "Yizhan divisions"), shape: DivisionsFile.shape),
        Kind(name: "demo", title: LocalizedText("驿站演示配方", en: "Yizhan demo recipe"), shape: DemoFile.shape),
        Kind(name: "brand", title: LocalizedText("驿站品牌(无代码)", en: "Yizhan brand (no code)"), shape: BrandFile.shape),
        Kind(
            name: "standard",
            title: LocalizedText("驿站建设标准", en: "Yizhan construction standard"),
            shape: StandardFile.shape
        ),
        Kind(
            name: "evaluation",
            title: LocalizedText("驿站评估方案", en: "Yizhan evaluation scheme"),
            shape: EvaluationFile.shape
        ),
        Kind(
            name: "requests",
            title: LocalizedText("驿站居民诉求的层级、分类与时限", en: "Yizhan residents' request tiers, categories and limits"),
            shape: RequestPolicyFile.shape
        ),
        Kind(
            name: "ledger-headers",
            title: LocalizedText("驿站台账表头词典", en: "Yizhan ledger header dictionary"),
            shape: LedgerHeadersFile.shape
        ),
        Kind(
            name: "subscriptions",
            title: LocalizedText("驿站事件订阅", en: "Yizhan event subscriptions"),
            shape: SubscriptionsFile.shape
        ),
    ]

    /// The schema of `kind` as pretty JSON with sorted keys.
    public static func document(for kind: Kind) -> String {
        var root = schema(for: .object(kind.shape))
        root["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
        root["$id"] = .string("\(kind.name).schema.json")
        root["title"] = .string("\(kind.title.zhHans) / \(kind.title.en)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Value.object(root))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func schema(for shape: Shape) -> [String: Value] {
        switch shape {
        case .text:
            return ["type": .string("string")]
        case .identifier:
            return ["type": .string("string"), "pattern": .string("^[A-Za-z0-9._-]{1,64}$")]
        case .integer(let range):
            return [
                "type": .string("integer"), "minimum": .integer(range.lowerBound),
                "maximum": .integer(range.upperBound),
            ]
        case .boolean:
            return ["type": .string("boolean")]
        case .date:
            return ["type": .string("string"), "pattern": .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
        case .divisionCode:
            return ["type": .string("string"), "pattern": .string("^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$")]
        case .oneOf(let words):
            return ["type": .string("string"), "enum": .array(words.map(Value.string))]
        case .list(let element):
            return ["type": .string("array"), "items": .object(schema(for: element))]
        case .dictionary(let value):
            return ["type": .string("object"), "additionalProperties": .object(schema(for: value))]
        case .object(let object):
            var properties: [String: Value] = [:]
            for field in object.fields {
                var property = schema(for: field.shape)
                property["description"] = .string("\(field.summary.zhHans) / \(field.summary.en)")
                properties[field.name] = .object(property)
            }
            return [
                "type": .string("object"), "properties": .object(properties),
                "required": .array(object.fields.filter(\.required).map { .string($0.name) }),
                "additionalProperties": .boolean(false),
            ]
        }
    }

    /// A JSON value.
    private indirect enum Value: Encodable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case array([Value])
        case object([String: Value])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .boolean(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }
    }
}
