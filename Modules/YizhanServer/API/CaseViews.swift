public import Hummingbird
public import YizhanKernel

extension CaseCard: ResponseEncodable {}

/// A page of cases.
public struct CaseList: ResponseEncodable, Decodable, Sendable {
    /// The cases, newest first.
    public var cases: [CaseCard]
}

/// A case as `POST /api/v1/cases` opens it: the same fields as `yizhan case open`.
public struct CaseInput: Decodable, Sendable {
    /// The station id.
    public var station: String
    /// The client's id, registered at the station.
    public var client: String
    /// The worker who takes the case.
    public var worker: String
    /// The day of intake, `YYYY-MM-DD`.
    public var date: String
}

/// A move of a case, as `POST /api/v1/cases/{id}/moves` takes it: as `yizhan case move`.
public struct CaseMoveInput: Decodable, Sendable {
    /// The stage: a code (`assessment`) or its Chinese name (`预估`).
    public var stage: String
    /// The day of the move, `YYYY-MM-DD`.
    public var date: String
    /// The worker who owns the case from then on.
    public var worker: String
}

/// The answer to an opened or moved case: the case as it stands and its event's sequence.
public struct CaseAnswer: ResponseEncodable, Decodable, Sendable {
    /// The case.
    public var `case`: CaseCard
    /// The sequence of `case.opened` or `case.moved`.
    public var event: Int64
}
