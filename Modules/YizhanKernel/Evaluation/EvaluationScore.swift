import Foundation

/// One indicator's score in an evaluation, by one assessor. Self-assessment and third-party scores
/// are kept apart; scores computed from data are kept as the `data` assessor's.
public struct EvaluationScore: Hashable, Sendable, Codable {
    /// The evaluation.
    public var evaluation: EvaluationID
    /// The indicator's id in the scheme.
    public var indicator: String
    /// Who scored it.
    public var assessor: Assessor
    /// The points given.
    public var points: Points
    /// The assessor's note, if any.
    public var note: String?

    /// Creates a score.
    public init(evaluation: EvaluationID, indicator: String, assessor: Assessor, points: Points, note: String? = nil) {
        self.evaluation = evaluation
        self.indicator = indicator
        self.assessor = assessor
        self.points = points
        self.note = note
    }
}

/// Who gave a score (seed 001 §八: 社会工作站自评和政府组织开展考核评估相结合).
public enum Assessor: String, CaseIterable, Sendable, Codable {
    /// The station's own assessment (自评).
    case selfAssessment
    /// The third-party evaluator the county commissions (第三方评估).
    case thirdParty
    /// Computed from the station's records, the same for both.
    case data

    /// The assessor's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.selfAssessment, .zhHans): "自评"
        case (.thirdParty, .zhHans): "第三方"
        case (.data, .zhHans): "数据"
        case (.selfAssessment, .en): "self"
        case (.thirdParty, .en): "third party"
        case (.data, .en): "data"
        }
    }
}

/// Evaluation points, kept in tenths so that 8.5 is exact.
public struct Points: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The points in tenths: 85 is 8.5 points.
    public var tenths: Int

    /// Points from tenths.
    public init(tenths: Int) { self.tenths = tenths }

    /// Whole points.
    public init(_ whole: Int) { self.tenths = whole * 10 }

    /// Reads `8` or `8.5` (at most one decimal); `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, !parts[0].hasPrefix("+") else {
            return nil
        }
        var tenths = whole * 10
        if parts.count == 2 {
            guard parts[1].count == 1, let digit = Int(parts[1]), digit >= 0 else { return nil }
            tenths += digit
        }
        self.tenths = tenths
    }

    /// `8.5`, or `10` for whole points.
    public var description: String {
        tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    public static func < (lhs: Points, rhs: Points) -> Bool { lhs.tenths < rhs.tenths }
    public static func + (lhs: Points, rhs: Points) -> Points { Points(tenths: lhs.tenths + rhs.tenths) }
    public static let zero = Points(tenths: 0)

    public init(from decoder: any Decoder) throws {
        tenths = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(tenths)
    }
}
