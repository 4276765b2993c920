import Foundation
import YizhanKernel

/// Wording every renderer shares: the lines under the subtitle.
public enum ReportWording {
    /// "数据截至 2021-06-30 日终 …", "生成于 …": only the stamps the document carries.
    public static func stamps(_ document: ReportDocument) -> [String] {
        let zh = document.language == .zhHans
        var lines: [String] = []
        if let asOf = document.asOf {
            lines.append(
                zh
                    ? "数据截至 \(asOf) 日终(此后补录的服务记录不计入;人员与项目为当前配置)"
                    : "Service figures as they stood at the end of \(asOf) (records made later are left out; staff and programs as configured now)"
            )
        }
        if let generatedAt = document.generatedAt {
            lines.append(
                zh ? "生成于 \(generatedAt.shanghaiText)(北京时间)" : "Generated at \(generatedAt.shanghaiText) (Beijing time)"
            )
        }
        return lines
    }
}
