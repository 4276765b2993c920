import ArgumentParser

/// The informed-consent form a command records (`--consent-date`, `--consent-scope`, `--consent-by`):
/// `client add`, `client consent` and the client ledger import take the same three options.
struct ConsentOptions: ParsableArguments {
    @Option(name: .customLong("consent-date"), help: "知情同意书签署日期 / the day consent was given")
    var date: String?

    @Option(
        name: .customLong("consent-scope"),
        help: "同意范围,可多次,须含个人信息收集与使用:接受服务、个人信息收集与使用、转介、照片影像使用 / consent scope (repeatable)"
    )
    var scope: [String] = []

    @Option(name: .customLong("consent-by"), help: "同意人:本人(默认)或监护人(未满 14 周岁须监护人) / person or guardian")
    var givenBy: String?
}
