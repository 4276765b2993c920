import YizhanKernel

extension Language {
    /// `chinese` for a zh-Hans report, `english` otherwise: how report builders word their titles.
    func pick(_ chinese: String, _ english: String) -> String { self == .zhHans ? chinese : english }
}
