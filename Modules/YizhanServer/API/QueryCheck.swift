import Hummingbird
import YizhanKernel

/// Reads a route's query parameters, collecting every bad one as an issue, like the kernel's
/// field checks: a request with any bad parameter is refused whole (422).
struct QueryCheck {
    private(set) var issues: [InputIssue] = []

    /// The integer `name`, if given, within `range`.
    mutating func integer(_ query: Parameters, _ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = query[name[...]] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            let expected =
                range.upperBound == Int.max
                ? LocalizedText("不小于 \(range.lowerBound) 的整数", en: "an integer of at least \(range.lowerBound)")
                : LocalizedText(
                    "\(range.lowerBound)–\(range.upperBound) 之间的整数",
                    en: "an integer \(range.lowerBound)–\(range.upperBound)"
                )
            issues.append(
                InputIssue(code: .outOfRange, field: name, found: String(text.prefix(32)), expected: expected)
            )
            return nil
        }
        return value
    }

    /// The flag `name`, if given: `true` or `false`.
    mutating func boolean(_ query: Parameters, _ name: String) -> Bool? {
        guard let text = query[name[...]] else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            issues.append(
                InputIssue(
                    code: .invalidFormat,
                    field: name,
                    found: String(text.prefix(32)),
                    expected: LocalizedText("true 或 false", en: "true or false")
                )
            )
            return nil
        }
    }

    /// The service kind `kind`, if given.
    mutating func kind(_ query: Parameters) -> ServiceKind? {
        guard let text = query["kind"] else { return nil }
        guard let kind = ServiceKind.matching(String(text)) else {
            issues.append(
                InputIssue(
                    code: .invalidFormat,
                    field: "kind",
                    found: String(text.prefix(32)),
                    expected: LocalizedText(
                        "服务类型:\(ServiceKind.known.map(\.rawValue).joined(separator: "、"))",
                        en: "a service kind: \(ServiceKind.known.map(\.rawValue).joined(separator: ", "))"
                    )
                )
            )
            return nil
        }
        return kind
    }

    /// The period `from`–`to`, if either is given.
    mutating func period(_ query: Parameters) -> CivilPeriod? {
        do {
            return try CivilPeriod.bounded(from: query["from"].map(String.init), to: query["to"].map(String.init))
        } catch let error as InputError {
            issues += error.issues
        } catch {
            issues.append(
                InputIssue(code: .invalidFormat, field: "from", found: "", expected: LocalizedText("日期", en: "a date"))
            )
        }
        return nil
    }

    /// The parameter `name`, if given, when it is one of `choices`.
    mutating func choice(_ query: Parameters, _ name: String, _ choices: [String]) -> String? {
        guard let text = query[name[...]] else { return nil }
        guard choices.contains(String(text)) else {
            refuse(
                name,
                String(text),
                LocalizedText(choices.joined(separator: "、"), en: choices.joined(separator: ", ")),
                code: .invalidFormat
            )
            return nil
        }
        return String(text)
    }

    /// The parameter `name`, refused when it is missing.
    mutating func required(_ query: Parameters, _ name: String, _ expected: LocalizedText) -> String? {
        guard let text = query[name[...]], !text.isEmpty else {
            issues.append(InputIssue(code: .missing, field: name, found: "", expected: expected))
            return nil
        }
        return String(text)
    }

    /// Refuses the parameter `name` given as `found`, expecting `expected`.
    mutating func refuse(
        _ name: String,
        _ found: String,
        _ expected: LocalizedText,
        code: InputIssue.Code = .invalidFormat
    ) {
        issues.append(InputIssue(code: code, field: name, found: String(found.prefix(32)), expected: expected))
    }

    /// Throws the issues found, if any.
    func finish() throws {
        guard issues.isEmpty else { throw InputError(issues: issues) }
    }
}
