import Foundation

/// Text a person types that the store keeps beside the facts — a reason, a note, an agency, a
/// wish, a purpose: never put in an event, and refused when it holds what looks like an ID number
/// or a phone number (or a control character), so that such free text cannot carry a person's
/// identifying numbers into a ledger, a report or a chat group (issue 21.8).
public enum FreeText {
    /// What is wrong with `text` as free text in `field`, or `nil` when it may be kept.
    public static func issue(_ text: String, field: String) -> InputIssue? {
        let found: String
        if text.containsControlCharacters {
            found = "(含换行等控制字符 / control characters)"
        } else if text.range(of: #"(?<!\d)\d{17}[\dXx](?![\dXx])|(?<!\d)\d{15}(?!\d)"#, options: .regularExpression)
            != nil
        {
            found = "(含疑似身份证号 / an ID number)"
        } else if text.range(
            of: #"(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"#,
            options: .regularExpression
        )
            != nil
        {
            found = "(含疑似电话号码 / a phone number)"
        } else {
            return nil
        }
        return InputIssue(
            code: .invalidFormat,
            field: field,
            found: found,
            expected: LocalizedText(
                "不含身份证号、电话与换行的文字;人员请用编号指代",
                en: "text without ID numbers, phone numbers or line breaks; name people by their ids"
            )
        )
    }
}

extension FieldCheck {
    /// Refuses `text` in `field` when `FreeText` would.
    mutating func freeText(_ text: String?, field: String) {
        guard let text, let issue = FreeText.issue(text, field: field) else { return }
        refuse(issue.code, issue.field, issue.found, issue.expected.text(in: .zhHans), issue.expected.text(in: .en))
    }
}
