public import Foundation

/// The community's resources a station links (五社联动): social organisations, micro-wishes,
/// charity funds and the resource map.
public protocol CommunityLedger: Sendable {
    /// The organisations in `scope`, by village, then id.
    func organisations(in scope: Scope) async throws -> [CommunityOrganisation]
    /// The wish with `id`, if any.
    func microWish(_ id: MicroWishID) async throws -> MicroWish?
    /// Up to `limit` wishes in `scope` (only those at `status` when given), newest posted first.
    func microWishes(in scope: Scope, status: MicroWishStatus?, limit: Int) async throws -> [MicroWish]
    /// The wishes in `scope` claimed within `period`, by claim day, then id. With `enteredBy`, claims
    /// entered after that instant are left out (figures as of a past day).
    func claimedWishes(in scope: Scope, period: CivilPeriod, enteredBy: Date?) async throws -> [MicroWish]
    /// The funds in `scope` with what each received and granted, by id.
    func charityFunds(in scope: Scope) async throws -> [CharityFundBalance]
    /// Grants `grant` in one transaction with the events `events` makes from the balance after it —
    /// unless the fund's balance is smaller than the grant; then nothing changes. Grants from one
    /// fund run one after the other.
    func grant(
        _ grant: CharityGrant,
        events: @escaping @Sendable (Fen) -> [DomainEvent]
    ) async throws -> CharityGrantOutcome
    /// The registered resources in `scope`, by village, then id.
    func resources(in scope: Scope) async throws -> [CommunityResource]
    /// The resource map of `scope`: per village and kind, how many — registered resources,
    /// organisations, volunteers living there, funds serving it and wishes still posted. Cells with
    /// none are left out.
    func resourceMap(in scope: Scope) async throws -> [ResourceMapCell]
}
