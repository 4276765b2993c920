import Testing
import YizhanKernel

/// Free text kept beside the facts refuses what would carry a person's numbers (issue 21.8).
struct FreeTextTests {
    @Test(arguments: [
        ("送王大爷去县医院,电话 13800138000", "(含疑似电话号码"),
        ("联系 0573-86123456", "(含疑似电话号码"),
        ("身份证 33042419400312001X 的老人", "(含疑似身份证号"),
        ("旧证 330424400312001", "(含疑似身份证号"),
        ("第一行\n第二行", "(含换行等控制字符"),
    ])
    func numbersAndLineBreaksAreRefusedWithoutEchoingThem(text: String, found: String) throws {
        let issue = try #require(FreeText.issue(text, field: "to"))
        #expect(issue.field == "to" && issue.code == .invalidFormat && issue.found.hasPrefix(found))
        #expect(!issue.found.contains("138") && !issue.found.contains("3304"))
    }

    @Test(arguments: ["县残疾人联合会", "预算 2021 年第 3 批,共 12 件", "活动物资 450.50 元", "订单号 20211105-0012"])
    func ordinaryTextIsKept(text: String) {
        #expect(FreeText.issue(text, field: "purpose") == nil)
    }
}
