import Yams
import YizhanKernel

/// Walks a YAML node tree against a `Shape` and collects every problem with its position:
/// wrong types, missing keys, unknown keys (with a did-you-mean). Duplicate keys are refused
/// earlier, by Yams itself (`ConfigLoader` points at the second one).
struct ShapeChecker {
    let file: String
    private(set) var problems: [ConfigError] = []
    /// Line and column of every value visited, by key path.
    private(set) var positions: [String: (line: Int, column: Int)] = [:]

    init(file: String) { self.file = file }

    mutating func check(_ node: Node, against shape: Shape, at path: String) {
        if let mark = node.mark { positions[path] = (mark.line, mark.column) }
        switch shape {
        case .object(let object):
            checkObject(node, object, at: path)
        case .dictionary(let valueShape):
            guard let mapping = node.mapping else { return refuse(node, path, "映射(键: 值)", "a mapping (key: value)") }
            for (key, value) in mapping {
                check(value, against: valueShape, at: join(path, key.string ?? "?"))
            }
        case .list(let element):
            guard let sequence = node.sequence else {
                return refuse(node, path, "列表(每项以 - 开头)", "a list (items start with -)")
            }
            for (index, item) in sequence.enumerated() { check(item, against: element, at: "\(path)[\(index)]") }
        default:
            checkScalar(node, shape, at: path)
        }
    }

    private mutating func checkObject(_ node: Node, _ object: ObjectShape, at path: String) {
        guard let mapping = node.mapping else { return refuse(node, path, "映射(键: 值)", "a mapping (key: value)") }
        let names = object.fields.map(\.name)
        var present = Set<String>()
        for (key, value) in mapping {
            let name = key.string ?? ""
            present.insert(name)
            guard let field = object.fields.first(where: { $0.name == name }) else {
                let suggestion = Self.closest(to: name, among: names)
                let hintZH = suggestion.map { ",是否想写“\($0)”?" } ?? ""
                let hintEN = suggestion.map { "; did you mean '\($0)'?" } ?? ""
                problems.append(
                    error(
                        key,
                        join(path, name),
                        .unknownKey,
                        LocalizedText(
                            "未知的键“\(name)”\(hintZH)(可用:\(names.joined(separator: "、")))",
                            en: "unknown key '\(name)'\(hintEN) (allowed: \(names.joined(separator: ", ")))"
                        )
                    )
                )
                continue
            }
            if Self.isNull(value) {
                if field.required {
                    problems.append(
                        error(
                            value,
                            join(path, name),
                            .missingKey,
                            LocalizedText("“\(name)”不能为空", en: "'\(name)' cannot be empty")
                        )
                    )
                }
                continue
            }
            check(value, against: field.shape, at: join(path, name))
        }
        for field in object.fields where field.required && !present.contains(field.name) {
            problems.append(
                error(
                    node,
                    path,
                    .missingKey,
                    LocalizedText(
                        "缺少必填项“\(field.name)”(\(field.summary.zhHans))",
                        en: "missing required key '\(field.name)' (\(field.summary.en))"
                    )
                )
            )
        }
    }

    private mutating func checkScalar(_ node: Node, _ shape: Shape, at path: String) {
        guard let scalar = node.scalar else {
            return refuse(node, path, Self.expectation(shape).zhHans, Self.expectation(shape).en)
        }
        let text = scalar.string
        let valid: Bool =
            switch shape {
            case .text: true
            case .identifier: StationID.isValid(text)
            case .integer(let range): Int(text).map(range.contains) ?? false
            case .boolean: text == "true" || text == "false"
            case .date: (try? CivilDate(parsing: text)) != nil
            case .divisionCode: (try? DivisionCode(text)) != nil
            case .oneOf(let words): words.contains(text)
            case .list, .object, .dictionary: false
            }
        guard !valid else { return }
        var detail = Self.expectation(shape)
        if case .date = shape, let error = Self.dateError(text) {
            detail = LocalizedText(error.message(in: .zhHans), en: error.message(in: .en))
        } else if case .divisionCode = shape, let error = Self.codeError(text) {
            detail = LocalizedText(error.message(in: .zhHans), en: error.message(in: .en))
        } else {
            detail = LocalizedText("收到“\(text)”,应为 \(detail.zhHans)", en: "found '\(text)', expected \(detail.en)")
        }
        problems.append(error(node, path, .invalidValue, detail))
    }

    private mutating func refuse(_ node: Node, _ path: String, _ zh: String, _ en: String) {
        problems.append(
            error(node, path, .invalidValue, LocalizedText("类型不符,应为 \(zh)", en: "wrong type, expected \(en)"))
        )
    }

    private func error(_ node: Node, _ path: String, _ code: ConfigError.Code, _ detail: LocalizedText) -> ConfigError {
        ConfigError(
            code: code,
            file: file,
            line: node.mark?.line,
            column: node.mark?.column,
            keyPath: path,
            detail: detail
        )
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func expectation(_ shape: Shape) -> LocalizedText {
        switch shape {
        case .text: LocalizedText("文本", en: "text")
        case .identifier: LocalizedText("标识(英文字母、数字、点、下划线、连字符)", en: "an identifier (ASCII letters, digits, . _ -)")
        case .integer(let range):
            LocalizedText(
                "\(range.lowerBound)–\(range.upperBound) 之间的整数",
                en: "an integer from \(range.lowerBound) to \(range.upperBound)"
            )
        case .boolean: LocalizedText("true 或 false", en: "true or false")
        case .date: LocalizedText("YYYY-MM-DD 格式的日期", en: "a date written YYYY-MM-DD")
        case .divisionCode: LocalizedText("6、9 或 12 位区划代码", en: "a 6, 9 or 12-digit division code")
        case .oneOf(let words):
            LocalizedText("以下之一:\(words.joined(separator: "、"))", en: "one of \(words.joined(separator: ", "))")
        case .list: LocalizedText("列表", en: "a list")
        case .object, .dictionary: LocalizedText("映射", en: "a mapping")
        }
    }

    private static func dateError(_ text: String) -> CivilDateError? {
        do {
            _ = try CivilDate(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    private static func codeError(_ text: String) -> DivisionCodeError? {
        do {
            _ = try DivisionCode(text)
            return nil
        } catch {
            return error
        }
    }

    /// The allowed key nearest to `name` by edit distance, if it is near enough to be a typo.
    static func closest(to name: String, among names: [String]) -> String? {
        let scored = names.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, name.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
