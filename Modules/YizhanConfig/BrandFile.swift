import YizhanKernel

/// A brand that needs no code (`config/brands/`): a station's named method and its parts, with the
/// seed it comes from. Brands with logic of their own are Swift plugins under `Plugins/`.
public struct BrandFile: ConfigFile, Hashable {
    /// The brand's id, e.g. `yucheng-3139`.
    public var id: String
    /// Its name, e.g. 于城“3139”工作手法.
    public var name: String
    /// The station whose brand it is.
    public var station: String
    /// Where it comes from (seed and section); required, so that nothing invented passes as fact.
    public var source: String
    /// What the seed says of it.
    public var summary: String?
    /// Its named parts (三秦: 秦秀, 秦治, 秦创 …).
    public var elements: [Element]?

    /// A named part of a brand.
    public struct Element: Hashable, Sendable, Codable {
        /// Its id.
        public var id: String
        /// Its name.
        public var name: String
        /// A remark.
        public var note: String?
    }

    public static let shape = ObjectShape([
        .required("id", .identifier, LocalizedText("品牌标识", en: "brand id")),
        .required("name", .text, LocalizedText("品牌名称", en: "brand name")),
        .required("station", .identifier, LocalizedText("所属社工站", en: "the station")),
        .required("source", .text, LocalizedText("出处(种子、章节)", en: "source (seed, section)")),
        .optional("summary", .text, LocalizedText("种子中的描述", en: "what the seed says")),
        .optional(
            "elements",
            .list(
                .object(
                    ObjectShape([
                        .required("id", .identifier, LocalizedText("组成部分标识", en: "element id")),
                        .required("name", .text, LocalizedText("名称", en: "name")),
                        .optional("note", .text, LocalizedText("说明", en: "remark")),
                    ])
                )
            ),
            LocalizedText("组成部分", en: "named parts")
        ),
    ])
}
