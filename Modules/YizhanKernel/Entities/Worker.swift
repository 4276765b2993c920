/// A person who works at a station: head, deputy, staff social worker or assistant (seed 000 §一.一, “114”).
///
/// A worker's name is personal data: it is stored and shown to the station, never put in events or logs.
public struct Worker: Hashable, Sendable, Codable, Identifiable {
    /// The worker's identifier.
    public var id: WorkerID
    /// The station the worker is posted to.
    public var station: StationID
    /// The worker's name (personal data).
    public var name: String
    /// The worker's role at the station.
    public var role: WorkerRole
    /// The worker's date of birth, when known (age rules, seed 001 §六(三)2).
    public var birthDate: CivilDate?
    /// The highest national social work certificate held, if any (全国社会工作者职业水平证书).
    public var qualification: Qualification?
    /// The number on that certificate (证书编号), shown to the station only, never put in events.
    public var certificateNumber: String?
    /// Whether the worker graduated in social work or a related subject (社会工作及相关专业毕业,
    /// seed 001 §六(三)2).
    public var hasSocialWorkDegree: Bool
    /// Whether the worker is a member of the Communist Party of China.
    public var isPartyMember: Bool
    /// Who employs the worker: the operating agency or the township itself.
    public var employer: Employer

    /// Creates a worker.
    public init(
        id: WorkerID,
        station: StationID,
        name: String,
        role: WorkerRole,
        birthDate: CivilDate? = nil,
        qualification: Qualification? = nil,
        certificateNumber: String? = nil,
        hasSocialWorkDegree: Bool = false,
        isPartyMember: Bool = false,
        employer: Employer = .township
    ) {
        self.id = id
        self.station = station
        self.name = name
        self.role = role
        self.birthDate = birthDate
        self.qualification = qualification
        self.certificateNumber = certificateNumber
        self.hasSocialWorkDegree = hasSocialWorkDegree
        self.isPartyMember = isPartyMember
        self.employer = employer
    }

    /// Whether the worker holds a national social work certificate (持证社工).
    public var isCertified: Bool { qualification != nil }

    /// The worker's age in whole years on `day`, when the birth date is known.
    public func age(on day: CivilDate) -> Int? {
        guard let born = birthDate else { return nil }
        let birthdayPassed = (day.month, day.day) >= (born.month, born.day)
        return day.year - born.year - (birthdayPassed ? 0 : 1)
    }
}

/// A worker's role (站长 / 副站长 / 专职社工 / 社工助理).
public enum WorkerRole: String, CaseIterable, Sendable, Codable {
    /// 站长 — coordinates (统筹协调).
    case head
    /// 副站长 — manages day to day (日常管理).
    case deputy
    /// 专职社工 — delivers services (具体服务).
    case staff
    /// 社工助理 — an assistant, e.g. under the “3+3+2” support model (seed 001 §六(三)3).
    case assistant

    /// The role's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.head, .zhHans): "站长"
        case (.deputy, .zhHans): "副站长"
        case (.staff, .zhHans): "专职社工"
        case (.assistant, .zhHans): "社工助理"
        case (_, .en): rawValue
        }
    }
}

/// The national social work certificate levels (社会工作者职业水平证书).
public enum Qualification: String, CaseIterable, Sendable, Codable {
    /// 助理社会工作师.
    case assistantSocialWorker
    /// 社会工作师.
    case socialWorker
    /// 高级社会工作师.
    case seniorSocialWorker

    /// The certificate's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.assistantSocialWorker, .zhHans): "助理社会工作师"
        case (.socialWorker, .zhHans): "社会工作师"
        case (.seniorSocialWorker, .zhHans): "高级社会工作师"
        case (.assistantSocialWorker, .en): "assistant social worker"
        case (.socialWorker, .en): "social worker"
        case (.seniorSocialWorker, .en): "senior social worker"
        }
    }
}

/// Who employs a worker (seed 001 §六(三)1: the contracted agency, or hired by the township).
public enum Employer: Hashable, Sendable, Codable {
    /// Employed by the operating agency.
    case agency(AgencyID)
    /// Hired by the township (乡镇招聘).
    case township
}
