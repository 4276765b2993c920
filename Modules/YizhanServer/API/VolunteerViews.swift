public import Foundation
public import Hummingbird
public import YizhanKernel

extension VolunteerCard: ResponseEncodable {}

/// A page of volunteers, masked.
public struct VolunteerList: ResponseEncodable, Decodable, Sendable {
    /// The volunteers, by id.
    public var volunteers: [VolunteerCard]
}

/// A volunteer as `POST /api/v1/volunteers` takes them: the same fields as `yizhan volunteer add`.
/// Their name, ID number and phone travel in the body only, and are sealed before they are stored.
public struct VolunteerInput: Decodable, Sendable {
    /// The station id.
    public var station: String
    /// The real name (实名).
    public var name: String
    /// Their resident ID number.
    public var idNumber: String?
    /// Their phone.
    public var phone: String?
    /// The village's 12-digit division code.
    public var village: String?
    /// The day they registered, `YYYY-MM-DD` (today if not given).
    public var registeredOn: String?

    /// The kernel's request.
    public var request: VolunteerRequest {
        VolunteerRequest(
            station: station,
            name: name,
            idNumber: idNumber,
            phone: phone,
            village: village,
            registeredOn: registeredOn
        )
    }
}

/// A volunteer activity: what, where, on which day, and the most minutes it credits anyone.
public struct ActivityView: ResponseEncodable, Decodable, Sendable {
    /// The activity id: what the check-in link at the activity names.
    public var id: String
    /// The station id.
    public var station: String
    /// Its name.
    public var name: String
    /// The day it is held, `YYYY-MM-DD`.
    public var date: String
    /// The most minutes credited per volunteer, if capped.
    public var capMinutes: Int?

    /// The view of `activity`.
    public init(_ activity: VolunteerActivity) {
        id = activity.id.rawValue
        station = activity.station.rawValue
        name = activity.name
        date = activity.heldOn.description
        capMinutes = activity.capMinutes
    }
}

/// An activity as `POST /api/v1/activities` takes it: the fields of `yizhan volunteer activity`.
public struct ActivityInput: Decodable, Sendable {
    /// The station id.
    public var station: String
    /// Its name.
    public var name: String
    /// The day it is held, `YYYY-MM-DD`.
    public var date: String
    /// The most minutes credited per volunteer (1–1440).
    public var capMinutes: Int?
}

/// An attendance as `POST /api/v1/activities/{id}/hours` takes it: a volunteer checking in and
/// out with their own code, or a worker of the station entering it — one of the two.
public struct HoursInput: Decodable, Sendable {
    /// The volunteer id.
    public var volunteer: String
    /// When they arrived, `YYYY-MM-DD HH:mm` (Asia/Shanghai) on the activity's day.
    public var checkIn: String
    /// When they left.
    public var checkOut: String
    /// The volunteer's own check-in code.
    public var code: String?
    /// The id of the worker entering it.
    public var worker: String?
}

/// An attendance recorded, and the points balance after it when points were booked.
public struct HoursAnswer: ResponseEncodable, Decodable, Sendable {
    /// The attendance id.
    public var id: String
    /// The activity id.
    public var activity: String
    /// The volunteer id.
    public var volunteer: String
    /// The minutes credited (at most the activity's cap).
    public var minutes: Int
    /// `self` (their own code) or `staff` (entered by a worker).
    public var method: String
    /// When they arrived and left.
    public var checkIn: Date
    /// When they left.
    public var checkOut: Date
    /// The volunteer's points balance after this attendance, when it earned points.
    public var balance: Int?

    /// The answer for `hours` and what became of its points.
    public init(_ hours: VolunteerHours, _ booked: PassbookAppend?) {
        id = hours.id.rawValue
        activity = hours.activity.rawValue
        volunteer = hours.volunteer.rawValue
        minutes = hours.minutes
        method = hours.method.code
        checkIn = hours.checkIn
        checkOut = hours.checkOut
        if case .booked(let after) = booked { balance = after }
    }
}
