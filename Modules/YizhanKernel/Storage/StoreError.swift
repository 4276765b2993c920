/// A store operation that failed, with a code to act on and a message without any row's data.
///
/// Like postgres-nio's `PSQLError`, the description is deliberately free of values: a constraint
/// message names the table and the rule, never the personal data that broke it.
public struct StoreError: Error, Hashable, Sendable, UserFacingError, CustomStringConvertible {
    /// What kind of failure it is.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A row broke a rule of the schema (foreign key, unique, check, not null).
        public static let constraintViolation = Code(rawValue: "constraintViolation")
        /// A change set wrote rows without any event.
        public static let invalidChange = Code(rawValue: "invalidChange")
        /// The database could not be opened or is not a Yizhan database.
        public static let unavailable = Code(rawValue: "unavailable")
        /// No database server answered in time (`location` names it, `reason` the seconds waited).
        public static let unreachable = Code(rawValue: "unreachable")
        /// Another process held the write lock for longer than a writer waits (`reason`: the
        /// seconds waited); nothing was written, and the same request may be tried again.
        public static let busy = Code(rawValue: "busy")
        /// The database was written by a newer Yizhan.
        public static let schemaTooNew = Code(rawValue: "schemaTooNew")
        /// Anything else the backend reported.
        public static let backend = Code(rawValue: "backend")
        public var description: String { rawValue }
    }

    /// What kind of failure it is.
    public var code: Code
    /// Where: the table or operation concerned.
    public var location: String
    /// Why, in words safe to log (no row values).
    public var reason: String
    /// For a constraint failure, the rule and the columns it names (never their values), when the
    /// backend said them: what `InputError(constraint:)` turns into the field a person gave.
    public var constraint: StoreConstraint?

    /// Creates an error.
    public init(code: Code, location: String, reason: String, constraint: StoreConstraint? = nil) {
        self.code = code
        self.location = location
        self.reason = reason
        self.constraint = constraint
    }

    public var description: String { "StoreError(\(code), \(location)): \(reason)" }

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        switch (code, language) {
        case (.constraintViolation, .zhHans): "数据未写入:\(location) 违反约束(\(reason)),整批已回滚"
        case (.constraintViolation, .en): "nothing was written: \(location) broke a constraint (\(reason)); rolled back"
        case (.invalidChange, .zhHans): "数据未写入:\(location) 没有附带事件,每次写入都必须记录事件"
        case (.invalidChange, .en): "nothing was written: \(location) has rows but no event"
        case (.unavailable, .zhHans): "无法打开数据库 \(location):\(reason)"
        case (.unavailable, .en): "cannot open the database \(location): \(reason)"
        case (.unreachable, .zhHans):
            "连不上数据库服务器 \(location)(等了 \(reason) 秒):请确认 PostgreSQL 已启动、主机与端口无误、防火墙放行;未做任何改动"
        case (.unreachable, .en):
            "no database server answered at \(location) within \(reason) s: check that PostgreSQL is running, the host and port are right and no firewall blocks it; nothing was changed"
        case (.busy, .zhHans):
            "数据库正忙:另一个进程(导入、轮换密钥、恢复等)写入了 \(reason) 秒仍未结束;未做任何改动,请稍后重试"
        case (.busy, .en):
            "the database is busy: another process (an import, a key rotation, a restore) kept writing for \(reason) s; nothing was changed, try again later"
        case (.schemaTooNew, .zhHans): "数据库 \(location) 由更新版本的驿站写入,请升级驿站"
        case (.schemaTooNew, .en): "the database \(location) was written by a newer Yizhan; upgrade Yizhan"
        case (_, .zhHans): "数据库错误(\(location)):\(reason)"
        case (_, .en): "database error (\(location)): \(reason)"
        }
    }
}
