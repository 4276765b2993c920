public import YizhanKernel

/// A volunteer's passbook statement for a period: the attendances with their credited minutes,
/// and every points entry with the running balance. The name is masked; the report names no one else.
public struct PassbookStatement: Sendable {
    /// The volunteer.
    public var volunteer: Volunteer
    /// The name as shown: masked (陈*明).
    public var maskedName: String
    /// The station's name.
    public var stationName: String
    /// The period.
    public var period: CivilPeriod
    /// The attendances held in the period, oldest first.
    public var attendances: [VolunteerAttendance]
    /// The balance before the period.
    public var openingBalance: Int
    /// The entries dated in the period, in the order booked.
    public var entries: [PassbookEntry]

    /// Reads `volunteer`'s attendances and passbook for `period`.
    ///
    /// - Parameter maskedName: the volunteer's name as it may be shown (the caller opens and masks it).
    public static func build(
        from store: some StationStore,
        volunteer: Volunteer,
        maskedName: String,
        period: CivilPeriod
    ) async throws -> PassbookStatement {
        let station = try await store.station(volunteer.station)
        let passbook = try await store.passbook(of: volunteer.id)
        return PassbookStatement(
            volunteer: volunteer,
            maskedName: maskedName,
            stationName: station?.name ?? volunteer.station.rawValue,
            period: period,
            attendances: try await store.volunteerHours(of: volunteer.id, at: nil, in: period),
            openingBalance: passbook.filter { $0.on < period.start }.reduce(0) { $0 + $1.points },
            entries: passbook.filter { period.contains($0.on) }
        )
    }

    /// The statement as a document: a summary, the hours, the points with their balance.
    public func document(in language: Language, period label: ReportPeriod) -> ReportDocument {
        let text = language.pick
        var balance = openingBalance
        // Points earned name the attendance they were earned for: shown as its activity.
        let activities = Dictionary(
            attendances.map { ($0.hours.id.rawValue, "\($0.activity.name)(\($0.activity.heldOn))") },
            uniquingKeysWith: { first, _ in first }
        )
        let points = ReportTable(
            id: "points",
            title: text("积分明细", "Points"),
            columns: [
                ReportColumn("date", text("日期", "date"), .text), ReportColumn("entry", text("类型", "entry"), .text),
                ReportColumn("reference", text("事由", "reference"), .text),
                ReportColumn("points", text("积分", "points")), ReportColumn("balance", text("余额", "balance")),
            ],
            rows: [
                [
                    .text(period.start.description), .text(text("期初余额", "opening balance")), .empty, .empty,
                    .integer(openingBalance),
                ]
            ]
                + entries.map { entry in
                    balance += entry.points
                    return [
                        .text(entry.on.description), .text(entry.kind.label(in: language)),
                        entry.reference.map { .text(activities[$0] ?? $0) } ?? .empty, .integer(entry.points),
                        .integer(balance),
                    ]
                },
            totals: [
                .text(text("期末余额", "closing balance")), .empty, .empty, .integer(balance - openingBalance),
                .integer(balance),
            ]
        )
        let minutes = attendances.reduce(0) { $0 + $1.hours.minutes }
        let hours = ReportTable(
            id: "hours",
            title: text("服务时长", "Hours"),
            columns: [
                ReportColumn("date", text("日期", "date"), .text),
                ReportColumn("activity", text("志愿活动", "activity"), .text),
                ReportColumn("minutes", text("时长(分钟)", "minutes")),
            ],
            rows: attendances.map { attendance in
                [
                    .text(attendance.activity.heldOn.description), .text(attendance.activity.name),
                    .integer(attendance.hours.minutes),
                ]
            },
            totals: [.text(text("合计", "Total")), .empty, .integer(minutes)]
        )
        let summary = ReportTable(
            id: "summary",
            title: text("概况", "Summary"),
            columns: [
                ReportColumn("figure", text("项目", "figure"), .text), ReportColumn("value", text("内容", "value"), .text),
            ],
            rows: [
                [.text(text("志愿者", "volunteer")), .text(maskedName)],
                [.text(text("编号", "id")), .text(volunteer.id.rawValue)],
                [.text(text("注册社工站", "station")), .text(stationName)],
                [.text(text("参与活动(次)", "attendances")), .text(String(attendances.count))],
                [
                    .text(text("服务时长", "time served")),
                    .text(text("\(minutes / 60) 小时 \(minutes % 60) 分", "\(minutes / 60) h \(minutes % 60) min")),
                ],
                [.text(text("期末积分余额", "closing balance")), .text(String(balance))],
            ]
        )
        return ReportDocument(
            kind: .passbook,
            language: language,
            title: text("志愿服务积分存折", "Volunteer passbook statement"),
            subtitle: text(
                "\(maskedName) · \(stationName) · \(label.label(in: language))",
                "\(maskedName) · \(stationName) · \(label.label(in: language))"
            ),
            period: period,
            sections: [
                ReportSection(
                    id: "summary",
                    title: text("概况", "Summary"),
                    note: text(
                        "姓名已脱敏;积分按志愿服务时长获得、按兑换扣减,存折只增不改(种子 001 §七(三)2 志愿者记录与激励)。",
                        "The name is masked; points are earned by hours served and spent on redemptions, and the passbook is append-only (seed 001 §7(3)2)."
                    ),
                    blocks: [.table(summary)]
                ),
                ReportSection(id: "hours", title: text("服务时长", "Hours"), blocks: [.table(hours)]),
                ReportSection(id: "points", title: text("积分", "Points"), blocks: [.table(points)]),
            ]
        )
    }
}
