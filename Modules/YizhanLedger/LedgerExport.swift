public import Foundation
public import YizhanKernel
import YizhanSpreadsheet

/// Writes a station's ledgers back out with the headings `yizhan import` reads (the first heading of
/// each field in the header dictionary), as CSV for Excel or as an `.xlsx` workbook.
///
/// A service ledger names workers, villages, programs and sub-projects by name and clients by id, so
/// it holds no personal data; its last column is each record's id, by which importing the file again
/// finds the records it already holds. A client ledger shows names, ID numbers and phones masked unless the
/// caller passes them opened (`yizhan export clients --reveal`, which records who saw them first).
public struct LedgerExport: Sendable {
    /// The headings and rows, heading row first.
    public let rows: [[String]]
    /// The sheet's name in a workbook.
    public let title: String

    /// The service ledger of `station`'s `records`, oldest first.
    public static func services(
        _ records: [ServiceRecord],
        station: Station,
        workers: [Worker],
        programs: [ProgramWithSubProjects],
        villages: [OrgUnit],
        vocabulary: LedgerVocabulary
    ) -> LedgerExport {
        let workerNames = Dictionary(workers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let villageNames = Dictionary(villages.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let programNames = Dictionary(
            programs.map { ($0.program.id, $0.program.name) },
            uniquingKeysWith: { first, _ in first }
        )
        let subProjectNames = Dictionary(
            programs.flatMap(\.subProjects).map { ($0.id, $0.name) },
            uniquingKeysWith: { first, _ in first }
        )
        let fields = vocabulary.exportHeadings.map(\.field)
        let ordered = records.sorted { ($0.date, $0.id.rawValue) < ($1.date, $1.id.rawValue) }
        let body = ordered.map { record in
            fields.map { field -> String in
                switch field {
                case "date": record.date.description
                case "kind": record.kind.label(in: .zhHans)
                case "duration": String(record.durationMinutes)
                case "village": record.village.map { villageNames[$0] ?? $0.rawValue } ?? ""
                // Names kept as a ledger wrote them follow, so that the row reads as imported.
                case "workers":
                    (record.workers.map { workerNames[$0] ?? $0.rawValue } + record.workerNames).joined(separator: "、")
                case "clients": record.participants.clients.map(\.rawValue).joined(separator: "、")
                case "headCount":
                    if case .headCount(let count) = record.participants { String(count) } else { "" }
                case "program": record.program.map { programNames[$0] ?? $0.rawValue } ?? ""
                case "subProject": record.subProject.map { subProjectNames[$0] ?? $0.rawValue } ?? ""
                case "photos": record.photos == 0 ? "" : String(record.photos)
                case "record": record.id.rawValue
                case let key where key.hasPrefix(LedgerVocabulary.pluginField("")):
                    record.fields[String(key.dropFirst(LedgerVocabulary.pluginField("").count))].map {
                        vocabulary.word(for: $0, field: key)
                    } ?? ""
                default: ""
                }
            }
        }
        return LedgerExport(rows: [vocabulary.exportHeadings.map(\.heading)] + body, title: "\(station.name)服务台账")
    }

    /// The client ledger of `station`: masked, unless `revealed` holds a client's opened data.
    public static func clients(
        _ clients: [Client],
        station: Station,
        masked: [ClientID: PersonalData],
        revealed: [ClientID: PersonalData],
        villages: [OrgUnit],
        vocabulary: LedgerVocabulary
    ) -> LedgerExport {
        let villageNames = Dictionary(villages.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let fields = vocabulary.exportHeadings.map(\.field)
        let body = clients.map { client in
            let open = revealed[client.id]
            let hidden = masked[client.id]
            return fields.map { field -> String in
                switch field {
                case "name": open?.name ?? hidden?.maskedName ?? ""
                case "idNumber": open?.idNumber?.rawValue ?? hidden?.idNumber?.masked ?? ""
                case "phone": open?.phone?.rawValue ?? hidden?.phone?.masked ?? ""
                case "village": villageNames[client.village] ?? client.village.rawValue
                case "categories": client.categories.map { $0.label(in: .zhHans) }.joined(separator: "、")
                case "consentDate": client.consent?.on.description ?? ""
                case "consentScope": client.consent?.scope.map { $0.label(in: .zhHans) }.joined(separator: "、") ?? ""
                case "consentBy": client.consent?.givenBy.label(in: .zhHans) ?? ""
                case "risk": client.risk?.label(in: .zhHans) ?? ""
                default: ""
                }
            }
        }
        return LedgerExport(rows: [vocabulary.exportHeadings.map(\.heading)] + body, title: "\(station.name)服务对象")
    }

    /// The volunteer roster of `station`: masked, unless `revealed` holds a volunteer's opened data.
    public static func volunteers(
        _ volunteers: [Volunteer],
        station: Station,
        masked: [VolunteerID: PersonalData],
        revealed: [VolunteerID: PersonalData],
        villages: [OrgUnit],
        vocabulary: LedgerVocabulary
    ) -> LedgerExport {
        let villageNames = Dictionary(villages.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let fields = vocabulary.exportHeadings.map(\.field)
        let body = volunteers.map { volunteer in
            let data = revealed[volunteer.id] ?? masked[volunteer.id]
            let open = revealed[volunteer.id] != nil
            return fields.map { field -> String in
                switch field {
                case "name": (open ? data?.name : data?.maskedName) ?? ""
                case "idNumber": (open ? data?.idNumber?.rawValue : data?.idNumber?.masked) ?? ""
                case "phone": (open ? data?.phone?.rawValue : data?.phone?.masked) ?? ""
                case "village": volunteer.village.map { villageNames[$0] ?? $0.rawValue } ?? ""
                case "registeredOn": volunteer.registeredOn.description
                default: ""
                }
            }
        }
        return LedgerExport(rows: [vocabulary.exportHeadings.map(\.heading)] + body, title: "\(station.name)志愿者")
    }

    /// The donation ledger of `station`'s current `gifts`, oldest first: amounts in yuan as
    /// `yizhan import donations` reads them, no person named (none is kept), and each gift's id
    /// last, by which importing the file again finds the gifts it holds and the rows edited since.
    public static func donations(
        _ gifts: [Donation],
        station: Station,
        vocabulary: LedgerVocabulary
    ) -> LedgerExport {
        let fields = vocabulary.exportHeadings.map(\.field)
        let ordered = gifts.sorted { ($0.receivedOn, $0.id.rawValue) < ($1.receivedOn, $1.id.rawValue) }
        let body = ordered.map { gift in
            fields.map { field -> String in
                switch field {
                case "date": gift.receivedOn.description
                case "donorKind": gift.donorKind.label(in: .zhHans)
                case "donor": gift.donorName ?? ""
                case "kind": gift.kind.label(in: .zhHans)
                case "amount": yuan(gift.amount)
                case "goods": gift.goods ?? ""
                case "purpose": gift.purpose ?? ""
                case "channel": gift.channel ?? ""
                case "matching": gift.isMatching ? "是" : "否"
                case "donation": gift.id.rawValue
                default: ""
                }
            }
        }
        return LedgerExport(rows: [vocabulary.exportHeadings.map(\.heading)] + body, title: "\(station.name)捐赠台账")
    }

    /// `21116.28`: an amount in yuan as a spreadsheet cell, without the sign and separators of `Fen`.
    static func yuan(_ amount: Fen) -> String {
        let magnitude = amount.value.magnitude
        let cents = magnitude % 100
        return "\(amount.value < 0 ? "-" : "")\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The file's bytes in `format`.
    public func data(_ format: LedgerFormat) throws -> Data {
        switch format {
        case .csv:
            return CSVWriter.document(rows)
        case .xlsx:
            let cells = rows.map { row in row.map { $0.isEmpty ? XLSXCell.empty : .text($0) } }
            let widths = (0..<(rows.first?.count ?? 0)).map { column in
                min(
                    40,
                    max(8, rows.prefix(200).map { $0.indices.contains(column) ? $0[column].count * 2 : 0 }.max() ?? 8)
                )
            }
            return try XLSXWorkbook(sheets: [XLSXSheet(name: title, columnWidths: widths, rows: cells)]).data()
        }
    }
}
