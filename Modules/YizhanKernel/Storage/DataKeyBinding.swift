/// Which personal-data key a store's sealed data belongs to: the key's check value (a keyed
/// fingerprint that reveals nothing of the key), kept in the store so that a workspace opened with
/// another key is refused before it seals, digests or fails to open anything (issue 21.1).
///
/// The check value is store metadata, like the schema version, not a domain fact: binding it
/// writes no event. It is bound once and never replaced; rotating the key rewrites it together
/// with every sealed row.
public protocol DataKeyBinding: Sendable {
    /// The check value of the key this store's personal data is sealed with, if one is bound.
    func dataKeyCheck() async throws -> String?

    /// Binds `check` if the store has no key bound yet, and returns the check value bound now:
    /// `check` itself, or the one bound earlier (which may differ: the caller then refuses).
    func bindDataKey(check: String) async throws -> String

    /// One person's sealed data (a client's or else a volunteer's), if the store holds any: enough
    /// to test a key against a store bound before check values existed.
    func sealedPersonalDataSample() async throws -> SealedPersonalDataSample?

    /// Whether values sealed before binding (`v1:`) may be left to seal again: recorded once, by
    /// the migration that found them, so that opening a store never scans its people for them.
    func isResealPending() async throws -> Bool

    /// Records that no value is left to seal again (after `personaldata.resealed` is committed).
    func finishReseal() async throws
}

/// One person's sealed data and whose it is.
public struct SealedPersonalDataSample: Hashable, Sendable {
    /// Whose data it is.
    public var owner: PersonalDataOwner
    /// The sealed data.
    public var sealed: SealedPersonalData

    /// Creates a sample.
    public init(owner: PersonalDataOwner, sealed: SealedPersonalData) {
        self.owner = owner
        self.sealed = sealed
    }
}
