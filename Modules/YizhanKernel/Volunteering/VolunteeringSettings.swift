/// How a station runs its volunteers' points passbook (电子存折): the earning rate, how long points
/// last, and what they buy. Configured per station (`volunteering:` in its file, issue 7).
public struct VolunteeringSettings: Hashable, Sendable, Codable {
    /// Points earned per hour of service (default 1 hour = 1 point).
    public var pointsPerHour: Int
    /// Days after which earned points expire, if they do.
    public var pointsExpireDays: Int?
    /// The goods points can be redeemed for.
    public var catalogue: [CatalogueItem]

    /// Creates settings.
    public init(pointsPerHour: Int = 1, pointsExpireDays: Int? = nil, catalogue: [CatalogueItem] = []) {
        self.pointsPerHour = pointsPerHour
        self.pointsExpireDays = pointsExpireDays
        self.catalogue = catalogue
    }

    private enum CodingKeys: String, CodingKey { case pointsPerHour, pointsExpireDays, catalogue }

    /// Decodes settings, each key optional (a station file may give only its catalogue).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pointsPerHour = try container.decodeIfPresent(Int.self, forKey: .pointsPerHour) ?? 1
        pointsExpireDays = try container.decodeIfPresent(Int.self, forKey: .pointsExpireDays)
        catalogue = try container.decodeIfPresent([CatalogueItem].self, forKey: .catalogue) ?? []
    }

    /// The points `minutes` of service earn, rounded down.
    public func points(forMinutes minutes: Int) -> Int { minutes * pointsPerHour / 60 }
}

/// An item of a station's passbook catalogue.
public struct CatalogueItem: Hashable, Sendable, Codable {
    /// Its id, e.g. `rice-5kg`.
    public var id: String
    /// Its name, e.g. 大米 5 斤.
    public var name: String
    /// What it costs in points.
    public var points: Int

    /// Creates an item.
    public init(id: String, name: String, points: Int) {
        self.id = id
        self.name = name
        self.points = points
    }
}
