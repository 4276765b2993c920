import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanServer

/// `/api/v1/volunteers` and `/api/v1/activities` (issue 23.5): real-name registration sealed and
/// masked, activities, check-in by the volunteer's own code or a worker's entry, within the grant.
struct VolunteerRoutesTests {
    @Test func aVolunteerIsRegisteredMaskedAndChecksInWithTheirOwnCode() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let before = try await harness.lastEvent()
            let registered = try await client.call(
                "/api/v1/volunteers",
                .post,
                token: worker,
                json: #"{"station":"baibu","name":"张志愿","idNumber":"330424199001010017","phone":"13800001111"}"#
            )
            #expect(registered.status == .created)
            let card = try registered.decoded(VolunteerCard.self)
            #expect(card.name == "张**" && card.idNumber == "330424********0017" && card.phone == "138****1111")
            let code = try #require(card.checkInCode)
            #expect(registered.headers[.location] == "/api/v1/volunteers/\(card.id)")
            let listed = try await client.call("/api/v1/volunteers?station=baibu", token: worker)
            #expect(try listed.decoded(VolunteerList.self).volunteers.map(\.id) == [card.id])
            #expect(!listed.text.contains(code) && !listed.text.contains("张志愿"))
            #expect(
                try await client.call("/api/v1/volunteers/\(card.id)", token: worker).decoded(VolunteerCard.self)
                    .checkInCode == nil
            )

            let scheduled = try await client.call(
                "/api/v1/activities",
                .post,
                token: worker,
                json: #"{"station":"baibu","name":"敬老院陪伴","date":"2021-12-05","capMinutes":120}"#
            )
            #expect(scheduled.status == .created, "\(scheduled.text)")
            let activity = try scheduled.decoded(ActivityView.self)
            #expect(activity.date == "2021-12-05" && activity.capMinutes == 120)

            let beforeWrongCode = try await harness.lastEvent()
            let wrongCode = try await client.call(
                "/api/v1/activities/\(activity.id)/hours",
                .post,
                token: worker,
                json:
                    #"{"volunteer":"\#(card.id)","checkIn":"2021-12-05 09:00","checkOut":"2021-12-05 12:00","code":"000000"}"#
            )
            #expect(wrongCode.status == .unprocessableContent)
            #expect(wrongCode.text.contains(#""field":"code""#) && !wrongCode.text.contains("000000"))
            let beforeCheckIn = try await harness.lastEvent()
            #expect(beforeCheckIn == beforeWrongCode)
            let checkedIn = try await client.call(
                "/api/v1/activities/\(activity.id)/hours",
                .post,
                token: worker,
                json:
                    #"{"volunteer":"\#(card.id)","checkIn":"2021-12-05 09:00","checkOut":"2021-12-05 12:00","code":"\#(code)"}"#
            )
            #expect(checkedIn.status == .created, "\(checkedIn.text)")
            let hours = try checkedIn.decoded(HoursAnswer.self)
            #expect(hours.method == "self" && hours.minutes == 120)
            #expect(try await harness.events(after: beforeCheckIn).first?.event.type == .volunteerHoursRecorded)
            // One entry per volunteer and activity; a second is refused.
            let again = try await client.call(
                "/api/v1/activities/\(activity.id)/hours",
                .post,
                token: worker,
                json:
                    #"{"volunteer":"\#(card.id)","checkIn":"2021-12-05 13:00","checkOut":"2021-12-05 13:45","worker":"baibu-w1"}"#
            )
            #expect(again.status == .unprocessableContent && again.text.contains(#""field":"volunteer""#))
            // A worker enters the hours of a volunteer without a phone at hand.
            let second = try await client.call(
                "/api/v1/volunteers",
                .post,
                token: worker,
                json: #"{"station":"baibu","name":"赵志愿"}"#
            ).decoded(VolunteerCard.self)
            let entered = try await client.call(
                "/api/v1/activities/\(activity.id)/hours",
                .post,
                token: worker,
                json:
                    #"{"volunteer":"\#(second.id)","checkIn":"2021-12-05 13:00","checkOut":"2021-12-05 13:45","worker":"baibu-w1"}"#
            )
            #expect(entered.status == .created, "\(entered.text)")
            #expect(try entered.decoded(HoursAnswer.self).method == "staff")
            let badTimes = try await client.call(
                "/api/v1/activities/\(activity.id)/hours",
                .post,
                token: worker,
                json:
                    #"{"volunteer":"\#(card.id)","checkIn":"2021-12-06 09:00","checkOut":"2021-12-05 08:00","worker":"baibu-w1"}"#
            )
            #expect(badTimes.status == .unprocessableContent && badTimes.text.contains(#""field":"checkIn""#))

            // No event names a volunteer's name, ID number, phone or check-in code.
            let events = try await harness.events(after: before)
            #expect(!events.isEmpty)
            for stored in events {
                for secret in ["张志愿", "330424199001010017", "13800001111", code] {
                    #expect(!stored.event.payload.contains(secret), "\(stored.event.type)")
                }
            }
        }
    }

    @Test func anotherStationsVolunteersAndActivitiesAreNotFound() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let ganpu = try await harness.token("socialWorker@ganpu")
        let baibu = try await harness.token("socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let card = try await client.call(
                "/api/v1/volunteers",
                .post,
                token: ganpu,
                json: #"{"station":"ganpu","name":"李志愿"}"#
            ).decoded(VolunteerCard.self)
            let activity = try await client.call(
                "/api/v1/activities",
                .post,
                token: ganpu,
                json: #"{"station":"ganpu","name":"海塘清扫","date":"2021-12-05"}"#
            ).decoded(ActivityView.self)
            let before = try await harness.lastEvent()
            let asked = [
                try await client.call("/api/v1/volunteers/\(card.id)", token: baibu),
                try await client.call("/api/v1/activities/\(activity.id)", token: baibu),
                try await client.call(
                    "/api/v1/activities/\(activity.id)/hours",
                    .post,
                    token: baibu,
                    json:
                        #"{"volunteer":"\#(card.id)","checkIn":"2021-12-05 09:00","checkOut":"2021-12-05 10:00","worker":"baibu-w1"}"#
                ),
                try await client.call(
                    "/api/v1/volunteers",
                    .post,
                    token: baibu,
                    json: #"{"station":"ganpu","name":"王志愿"}"#
                ),
                try await client.call("/api/v1/volunteers?station=ganpu", token: baibu),
            ]
            #expect(asked.map(\.status) == Array(repeating: .notFound, count: 5))
            #expect(
                try await client.call("/api/v1/volunteers", token: baibu).decoded(VolunteerList.self).volunteers.isEmpty
            )
            let denials = try await harness.events(after: before)
            #expect(denials.count == 5 && denials.allSatisfy { $0.event.type == .accessDenied })
            #expect(denials.allSatisfy { !$0.event.payload.contains(card.id) && !$0.event.payload.contains("王志愿") })
        }
    }
}
