public import Foundation

/// A volunteer activity (志愿活动) a station organises: the day, and how many hours one volunteer
/// may be credited at most (the per-activity cap).
public struct VolunteerActivity: Hashable, Sendable, Codable, Identifiable {
    /// The activity's identifier.
    public var id: VolunteerActivityID
    /// The station that organises it (and certifies its hours: 谁记录谁证明).
    public var station: StationID
    /// Its name, e.g. 敬老院助餐.
    public var name: String
    /// The day it is held.
    public var heldOn: CivilDate
    /// The most minutes one volunteer is credited, if capped.
    public var capMinutes: Int?

    /// Creates an activity.
    public init(id: VolunteerActivityID, station: StationID, name: String, heldOn: CivilDate, capMinutes: Int? = nil) {
        self.id = id
        self.station = station
        self.name = name
        self.heldOn = heldOn
        self.capMinutes = capMinutes
    }
}

/// Identifies a volunteer activity.
public typealias VolunteerActivityID = Identifier<VolunteerActivity>

/// One volunteer's attendance at an activity: when they checked in and out, how, and the minutes
/// credited (the time between, capped by the activity).
public struct VolunteerHours: Hashable, Sendable, Codable, Identifiable {
    /// The attendance's identifier.
    public var id: VolunteerHoursID
    /// The activity.
    public var activity: VolunteerActivityID
    /// The volunteer.
    public var volunteer: VolunteerID
    /// When they checked in.
    public var checkIn: Date
    /// When they checked out.
    public var checkOut: Date
    /// How the attendance was recorded.
    public var method: CheckInMethod
    /// The minutes credited.
    public var minutes: Int

    /// Creates an attendance.
    public init(
        id: VolunteerHoursID,
        activity: VolunteerActivityID,
        volunteer: VolunteerID,
        checkIn: Date,
        checkOut: Date,
        method: CheckInMethod,
        minutes: Int
    ) {
        self.id = id
        self.activity = activity
        self.volunteer = volunteer
        self.checkIn = checkIn
        self.checkOut = checkOut
        self.method = method
        self.minutes = minutes
    }
}

/// Identifies an attendance.
public typealias VolunteerHoursID = Identifier<VolunteerHours>

/// How an attendance was recorded, marked on every entry.
public enum CheckInMethod: Hashable, Sendable, Codable {
    /// The volunteer checked in and out with their own check-in code.
    case selfCheckIn
    /// A worker entered it.
    case staffEntry(WorkerID)

    /// `self` or `staff`, as stored.
    public var code: String {
        switch self {
        case .selfCheckIn: "self"
        case .staffEntry: "staff"
        }
    }

    /// The method's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.selfCheckIn, .zhHans): "本人签到"
        case (.staffEntry, .zhHans): "工作人员录入"
        case (.selfCheckIn, .en): "self check-in"
        case (.staffEntry, .en): "staff entry"
        }
    }
}
