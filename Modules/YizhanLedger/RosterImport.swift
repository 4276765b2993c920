import Foundation
public import YizhanKernel

/// Imports a station's roster of people — the client ledger (服务对象花名册) or the volunteer roster
/// (志愿者名册): each row is checked as `yizhan client add` or `yizhan volunteer add` checks one,
/// sealed with the workspace key and written with its `client.registered` or `volunteer.registered`;
/// then one `ledger.imported` — all in one transaction.
///
/// A person is found by the keyed digest of their ID number, never by decrypting: a row whose person
/// the station has registered already is left as it is (importing the file again writes nothing),
/// a person registered at another station is refused, and a second row for one person in the same
/// file is refused as a duplicate. An ID number is therefore required in a roster.
public struct RosterImport: Sendable {
    /// Which roster.
    public enum Roster: String, Sendable {
        /// 服务对象花名册.
        case clients
        /// 志愿者名册.
        case volunteers
    }

    let store: any StationStore
    let vault: any PersonalDataVault
    let vocabulary: LedgerVocabulary
    let clock: WorkClock

    /// Creates the import over `store`; `vault` seals each person's data and digests ID numbers;
    /// `vocabulary` is the roster's part of the header dictionary.
    public init(
        store: any StationStore,
        vault: any PersonalDataVault,
        vocabulary: LedgerVocabulary,
        clock: WorkClock = .system
    ) {
        self.store = store
        self.vault = vault
        self.vocabulary = vocabulary
        self.clock = clock
    }

    /// Imports `sheet` as `roster` of `station`.
    ///
    /// - Throws: as `ServiceLedgerImport.run`.
    public func run(
        _ roster: Roster,
        _ sheet: LedgerSheet,
        station: String,
        options: LedgerImportOptions = LedgerImportOptions(),
        progress: (@Sendable (Double) -> Void)? = nil
    ) async throws -> LedgerImportReport {
        switch roster {
        case .clients:
            try await PersonLedgerImport<ClientRowResolver>(
                store: store,
                vault: vault,
                vocabulary: vocabulary,
                clock: clock
            )
            .run(sheet, station: station, options: options, progress: progress)
        case .volunteers:
            try await PersonLedgerImport<VolunteerRowResolver>(
                store: store,
                vault: vault,
                vocabulary: vocabulary,
                clock: clock
            )
            .run(sheet, station: station, options: options, progress: progress)
        }
    }
}
