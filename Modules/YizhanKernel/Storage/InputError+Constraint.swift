extension InputError {
    /// The refusal a broken schema rule stands for, naming the field a person gave: the checks
    /// refuse these first, so one reaches here only when two writers raced or a check is missing
    /// (issue 21.6). `nil` for a failure no field explains (a row's own id, a missing station),
    /// which stays a `StoreError`.
    public init?(constraint error: StoreError) {
        guard error.code == .constraintViolation, let constraint = error.constraint else { return nil }
        let columns = Set(constraint.columns)
        if let known = Self.knownRules.first(where: { $0.table == constraint.table && $0.columns == columns }) {
            self.init(issues: [
                InputIssue(
                    code: .conflict,
                    field: known.field,
                    found: Self.found(constraint.kind),
                    expected: known.expected
                )
            ])
            return
        }
        // Otherwise the last column that is not a row's own key names the field.
        guard let column = constraint.columns.last(where: { !["id", "station_id", "record_id"].contains($0) }),
            constraint.kind != .foreignKey
        else { return nil }
        let field = Self.field(ofColumn: column)
        let expected: LocalizedText =
            switch constraint.kind {
            case .unique: LocalizedText("与已存数据不重复的取值", en: "a value no stored row has")
            case .notNull: LocalizedText("必填的取值", en: "a value (it is required)")
            case .check, .foreignKey: LocalizedText("符合取值规则的取值", en: "a value within the field's rules")
            }
        self.init(issues: [
            InputIssue(
                code: constraint.kind == .notNull ? .missing : .conflict,
                field: field,
                found: Self.found(constraint.kind),
                expected: expected
            )
        ])
    }

    /// The field a column holds, as commands and ledgers name it: `client_id` → `client`,
    /// `on_date` → `date`, `class_hours` → `hours`, `duration_minutes` → `duration`.
    static func field(ofColumn column: String) -> String {
        let aliases = [
            "on_date": "date", "service_date": "date", "held_on": "date", "class_hours": "hours",
            "duration_minutes": "duration", "amount_fen": "amount", "id_number_digest": "idNumber",
        ]
        if let alias = aliases[column] { return alias }
        var name = column
        if name.hasSuffix("_id") { name.removeLast(3) }
        let parts = name.split(separator: "_")
        return (parts.first.map(String.init) ?? name)
            + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// What a refusal shows as found: the rule's kind, never the stored values.
    private static func found(_ kind: StoreConstraint.Kind) -> String {
        switch kind {
        case .unique: "(与已存数据重复 / duplicates stored data)"
        case .notNull: ""
        case .check, .foreignKey: "(不符合规则 / breaks a rule)"
        }
    }

    /// The rules a person meets with words of their own: the table, its columns, the field and
    /// what it expects.
    private static let knownRules: [(table: String, columns: Set<String>, field: String, expected: LocalizedText)] = [
        (
            "service_participant", ["record_id", "client_id"], "client",
            LocalizedText("每位服务对象只列一次", en: "each client listed once")
        ),
        (
            "service_worker", ["record_id", "worker_id"], "worker",
            LocalizedText("每位社工只列一次", en: "each worker listed once")
        ),
        (
            "group_member", ["group_id", "client_id"], "member",
            LocalizedText("每位组员只列一次", en: "each member listed once")
        ),
        (
            "team_member", ["team_id", "volunteer_id"], "member",
            LocalizedText("每位队员只列一次", en: "each member listed once")
        ),
        (
            "volunteer_hours", ["activity_id", "volunteer_id"], "volunteer",
            LocalizedText("同一活动每位志愿者只记一次时长", en: "one entry of hours per volunteer and activity")
        ),
        (
            "evaluation", ["station_id", "year", "period", "scheme_id"], "period",
            LocalizedText("该站该年度尚未开启的评估阶段", en: "an evaluation not yet opened for the station and year")
        ),
        (
            "village_liaison", ["village_code", "worker_id", "since"], "date",
            LocalizedText("该社工在该村尚未登记的起始日期", en: "a first day not yet recorded for the worker and village")
        ),
        ("service_record", ["ledger_key"], "row", LocalizedText("台账中尚未导入的行", en: "a ledger row not imported yet")),
        ("donation", ["ledger_key"], "row", LocalizedText("台账中尚未导入的行", en: "a ledger row not imported yet")),
    ]
}
