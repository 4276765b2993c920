import Crypto
import Foundation
public import YizhanKernel

/// A station's figures of one period, as a workflow approves them: the service records, gifts
/// and expenses it covers, every number a store query's. Their SHA-256 (`digest`) goes into each
/// approval step's event and into the county report, so that a report proves which figures were
/// approved (issue 25.4).
public struct ApprovalFigures: Hashable, Sendable, Codable {
    /// The station.
    public var station: StationID
    /// The period's days.
    public var period: CivilPeriod
    /// What the figures cover.
    public var covers: [ApprovedData]
    /// Service records (current versions, voided ones left out).
    public var records = 0
    /// Service person-times (trainings excluded).
    public var personTimes = 0
    /// Training person-times.
    public var trainingPersonTimes = 0
    /// Minutes of service.
    public var minutes = 0
    /// Gifts received.
    public var gifts = 0
    /// Their sum.
    public var giftAmount = Fen(0)
    /// Expenses spent.
    public var expenses = 0
    /// Their sum.
    public var expenseAmount = Fen(0)

    /// Creates empty figures of `station` for `period`.
    public init(station: StationID, period: CivilPeriod, covers: Set<ApprovedData>) {
        self.station = station
        self.period = period
        self.covers = covers.sorted()
    }

    /// Reads `station`'s figures of `period` from `store`, for what `covers` names.
    public static func read(
        from store: any StationStore,
        station: StationID,
        period: CivilPeriod,
        covers: Set<ApprovedData>
    ) async throws -> ApprovalFigures {
        var figures = ApprovalFigures(station: station, period: period, covers: covers)
        if covers.contains(.services) {
            let totals = try await store.serviceTotals(
                ServiceTotalsQuery(scope: .station(station), period: period, groupBy: [])
            )
            for total in totals {
                figures.records += total.records
                figures.personTimes += total.personTimes
                figures.trainingPersonTimes += total.trainingPersonTimes
                figures.minutes += total.durationMinutes
            }
        }
        if covers.contains(.donations) {
            for total in try await store.donationTotals(DonationTotalsQuery(scope: .station(station), period: period)) {
                figures.gifts += total.gifts
                figures.giftAmount = Fen(figures.giftAmount.value + total.amount.value)
            }
        }
        if covers.contains(.expenses) {
            for line in try await store.budgetLines(in: .station(station), year: nil) {
                for stored in try await store.expenses(of: line.line.id)
                where !stored.isVoided && period.contains(stored.entry.spentOn) {
                    figures.expenses += 1
                    figures.expenseAmount = Fen(figures.expenseAmount.value + stored.entry.amount.value)
                }
            }
        }
        return figures
    }

    /// The canonical text the digest is taken of: one `name=value` a line, in a fixed order.
    public var canonicalText: String {
        var lines = [
            "yizhan-approval-figures/1",
            "station=\(station.rawValue)",
            "period=\(period.start)..\(period.end)",
            "covers=\(covers.map(\.rawValue).joined(separator: ","))",
        ]
        if covers.contains(.services) {
            lines += [
                "records=\(records)", "personTimes=\(personTimes)", "trainingPersonTimes=\(trainingPersonTimes)",
                "minutes=\(minutes)",
            ]
        }
        if covers.contains(.donations) { lines += ["gifts=\(gifts)", "giftAmountFen=\(giftAmount.value)"] }
        if covers.contains(.expenses) { lines += ["expenses=\(expenses)", "expenseAmountFen=\(expenseAmount.value)"] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The SHA-256 of `canonicalText`, in lowercase hex.
    public var digest: String {
        SHA256.hash(data: Data(canonicalText.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
