import Testing
import YizhanKernel

/// The rules SQLite and PostgreSQL report, read into table and columns without their values, and
/// the field a person is told to fix (issue 21.6).
struct StoreConstraintTests {
    @Test func sqliteMessagesAreRead() {
        let unique = StoreConstraint(
            sqliteMessage: "UNIQUE constraint failed: group_member.group_id, group_member.client_id"
        )
        #expect(unique == StoreConstraint(kind: .unique, table: "group_member", columns: ["group_id", "client_id"]))
        let check = StoreConstraint(sqliteMessage: "CHECK constraint failed: class_hours BETWEEN 1 AND 200")
        #expect(check == StoreConstraint(kind: .check, table: "", columns: ["class_hours"]))
        #expect(StoreConstraint(sqliteMessage: "FOREIGN KEY constraint failed")?.kind == .foreignKey)
        #expect(StoreConstraint(sqliteMessage: "database is locked") == nil)
    }

    @Test func postgresReportsAreReadWithoutTheirValues() {
        let unique = StoreConstraint(
            sqlState: "23505",
            table: "volunteer_hours",
            column: nil,
            constraint: "volunteer_hours_activity_id_volunteer_id_key",
            detail: "Key (activity_id, volunteer_id)=(a1, 王小明) already exists."
        )
        #expect(
            unique
                == StoreConstraint(kind: .unique, table: "volunteer_hours", columns: ["activity_id", "volunteer_id"])
        )
        let check = StoreConstraint(
            sqlState: "23514",
            table: "work_log",
            column: nil,
            constraint: "work_log_minutes_check",
            detail: "Failing row contains (…)."
        )
        #expect(check?.columns == ["minutes"])
        #expect(StoreConstraint(sqlState: "40001", table: nil, column: nil, constraint: nil, detail: nil) == nil)
    }

    @Test func aBrokenRuleNamesTheFieldAndNothingStored() throws {
        func refusal(_ constraint: StoreConstraint) -> InputError? {
            InputError(
                constraint: StoreError(
                    code: .constraintViolation,
                    location: constraint.table,
                    reason: "",
                    constraint: constraint
                )
            )
        }
        let hours = try #require(
            refusal(StoreConstraint(kind: .unique, table: "volunteer_hours", columns: ["activity_id", "volunteer_id"]))
        )
        #expect(hours.issues.map(\.field) == ["volunteer"])
        #expect(hours.message(in: .zhHans).contains("同一活动每位志愿者只记一次时长"))
        #expect(hours.message(in: .zhHans).contains("与已存数据重复"))
        // An unlisted rule still names its column as a field.
        let logged = try #require(
            refusal(StoreConstraint(kind: .check, table: "training_record", columns: ["class_hours"]))
        )
        #expect(logged.issues.map(\.field) == ["hours"])
        #expect(refusal(StoreConstraint(kind: .check, table: "x", columns: ["on_date"]))?.issues.first?.field == "date")
        // A row's own id, or a missing reference, is no field of a person's.
        #expect(refusal(StoreConstraint(kind: .unique, table: "service_record", columns: ["id"])) == nil)
        #expect(refusal(StoreConstraint(kind: .foreignKey, table: "", columns: [])) == nil)
        // Other store errors are not refusals of input.
        #expect(InputError(constraint: StoreError(code: .backend, location: "x", reason: "y")) == nil)
    }
}
