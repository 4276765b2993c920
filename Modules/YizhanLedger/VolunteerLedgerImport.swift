public import Foundation
public import YizhanKernel

/// Imports a station's volunteer roster (志愿者名册): each row checked as `yizhan volunteer add` checks
/// one, sealed, registered with `volunteer.registered`, then one `ledger.imported`; a volunteer the
/// station registered before (by ID number) is left as they are.
public struct VolunteerLedgerImport: Sendable {
    let store: any StationStore
    let vault: any PersonalDataVault
    let vocabulary: LedgerVocabulary
    let now: @Sendable () -> Date

    /// Creates the import over `store`; `vault` seals each person's data and digests ID numbers.
    public init(
        store: any StationStore,
        vault: any PersonalDataVault,
        vocabulary: LedgerVocabulary,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.vault = vault
        self.vocabulary = vocabulary
        self.now = now
    }

    /// Imports `sheet` as the volunteer roster of `station`.
    ///
    /// - Throws: as `ServiceLedgerImport.run`.
    public func run(
        _ sheet: LedgerSheet,
        station: String,
        options: LedgerImportOptions = LedgerImportOptions(),
        progress: (@Sendable (Double) -> Void)? = nil
    ) async throws -> LedgerImportReport {
        try await PersonLedgerImport<VolunteerRowResolver>(store: store, vault: vault, vocabulary: vocabulary, now: now)
            .run(sheet, station: station, options: options, progress: progress)
    }
}
