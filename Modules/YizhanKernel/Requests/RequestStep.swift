public import Foundation

/// One step of a resident request's history — its filing, each action taken on it, each time
/// supervision moved it — with the request as the step left it. Stores keep the history and the
/// request's current state together: a step is stored only at the version it read.
public struct RequestStep: Hashable, Sendable, Codable {
    /// The request as the step left it; its `version` is `position + 1`.
    public var request: ResidentRequest
    /// The step's place in the request's history, from 0 (the filing).
    public var position: Int
    /// What kind of step it was.
    public var kind: RequestStepKind
    /// Who took it.
    public var actor: RequestActor
    /// When it was taken.
    public var at: Date
    /// The note that came with it (a transfer's note, the answer given, a round's outcome; on a
    /// dispute's filing, its parties), sealed for the request.
    public var note: String?
    /// What the resident wrote and how to reach them, sealed: only on the filing (position 0).
    public var content: SealedRequestContent?

    /// Creates a step.
    public init(
        request: ResidentRequest,
        position: Int,
        kind: RequestStepKind,
        actor: RequestActor,
        at: Date,
        note: String? = nil,
        content: SealedRequestContent? = nil
    ) {
        self.request = request
        self.position = position
        self.kind = kind
        self.actor = actor
        self.at = at
        self.note = note
        self.content = content
    }
}

/// The kinds of step a request's history holds: the filing, the workflow's actions, supervision.
public enum RequestStepKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// 登记.
    case file
    /// 受理.
    case accept
    /// 办理.
    case start
    /// 转办.
    case transfer
    /// 退回.
    case sendBack
    /// 反馈.
    case answer
    /// 办结.
    case close
    /// 评价.
    case rate
    /// 重办.
    case reopen
    /// 督办: supervision found a limit passed.
    case supervise
    /// 调解: a round of mediation of a dispute.
    case mediate
    /// 调解成功: a dispute settled.
    case settle

    /// The kind of step `action` is.
    public init(_ action: RequestAction) {
        switch action {
        case .accept: self = .accept
        case .start: self = .start
        case .transfer: self = .transfer
        case .sendBack: self = .sendBack
        case .answer: self = .answer
        case .close: self = .close
        case .rate: self = .rate
        case .reopen: self = .reopen
        case .mediate: self = .mediate
        case .settle: self = .settle
        }
    }
}

/// What a resident wrote and how to reach them, as the store keeps it: each value sealed for the
/// request (`PersonalDataOwner.request`), so that it opens for that request only; and the digest
/// of its tracking code, for one filed through the public form.
public struct SealedRequestContent: Hashable, Sendable, Codable {
    /// The sealed description.
    public var description: String
    /// The sealed name and phone, when the resident gave them.
    public var contact: SealedPersonalData?
    /// The digest of the resident's tracking code (`PersonalDataVault.trackingDigest(of:)`).
    public var trackingDigest: String?

    /// Creates the sealed content.
    public init(description: String, contact: SealedPersonalData? = nil, trackingDigest: String? = nil) {
        self.description = description
        self.contact = contact
        self.trackingDigest = trackingDigest
    }
}

extension RequestActor: Codable {
    /// Decodes the actor from its text (`resident`, `supervision`, `TIER/account:ID`).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let actor = RequestActor(text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not a request actor: \(text)")
            )
        }
        self = actor
    }

    /// Encodes the actor as its text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ResidentRequest {
    /// The request as stores keep it: sorted-key JSON, instants in milliseconds since 1970. It holds
    /// ids, codes, states and times only — nothing a person wrote.
    public var storedJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The request `storedJSON` wrote, or `nil` when `text` is not one.
    public init?(storedJSON text: String) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        guard let request = try? decoder.decode(ResidentRequest.self, from: Data(text.utf8)) else { return nil }
        self = request
    }
}
