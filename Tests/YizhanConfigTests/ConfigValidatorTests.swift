import Foundation
import Testing
import YizhanConfig
import YizhanKernel

/// A valid station of Haiyan's “123N” template, to be broken one way per test.
let validStation = """
    id: test
    name: 测试社会工作站
    extends: haiyan-123n
    township: "330424102"
    areaSquareMeters: 120
    workers:
      - { id: test-w1, name: 示例社工01, role: head, partyMember: true }
    programs:
      - id: test-2021
        name: 测试项目
        subProjects:
          - { id: c1, name: 核心, slot: core }
          - { id: b1, name: 品牌一, slot: brand }
          - { id: b2, name: 品牌二, slot: brand }
          - { id: s1, name: 基础一, slot: basic }
          - { id: s2, name: 基础二, slot: basic }
          - { id: s3, name: 基础三, slot: basic }

    """

/// A temporary config tree holding the shipped templates and the given files.
struct ConfigTree {
    let root: URL

    init(_ files: [String: Data]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-config-\(UUID().uuidString)")
        let templates = root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(
            atPath: configFolder.appendingPathComponent("templates").path
        ) {
            try FileManager.default.copyItem(
                at: configFolder.appendingPathComponent("templates/\(name)"),
                to: templates.appendingPathComponent(name)
            )
        }
        for (path, data) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try data.write(to: url)
        }
    }

    func validate() -> ConfigValidator.Result { ConfigValidator.validate([root], relativeTo: root) }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

struct ConfigValidatorTests {
    @Test func everyShippedFileValidates() {
        let result = ConfigValidator.validate([configFolder], relativeTo: configFolder)
        #expect(result.problems.map { $0.message(in: .en) } == [])
        #expect(
            result.files == [
                "template": 3, "station": 9, "brand": 6, "standard": 3, "evaluation": 1, "divisions": 1, "demo": 1,
                "subscriptions": 1, "ledgers": 1, "requests": 1,
            ]
        )
        #expect(result.templates["haiyan-123n"]?.slots.map(\.id) == ["core", "brand", "basic", "optional"])
    }

    /// Each broken file gets exactly one problem, at its exact place, with its exact message.
    @Test(
        arguments: [
            (
                "a tab indent", "stations/tab.yaml", Data("id: x\nworkers:\n\t- { id: a }\n".utf8),
                "stations/tab.yaml:3:1", "YAML 不允许用制表符缩进,请改用空格"
            ),
            (
                "a duplicate key", "stations/dup.yaml",
                Data(validStation.replacingOccurrences(of: "name: 测试社会工作站", with: "name: 甲\nname: 乙").utf8),
                "stations/dup.yaml:3:1: name: 键“name”重复(第一次出现在第 2 行)", nil
            ),
            (
                "a wrong type", "stations/type.yaml",
                Data(validStation.replacingOccurrences(of: "partyMember: true", with: "partyMember: yes").utf8),
                "stations/type.yaml:7:59: workers[0].partyMember: 收到“yes”,应为 true 或 false", nil
            ),
            (
                "an unknown key", "stations/unknown.yaml",
                Data(
                    validStation.replacingOccurrences(
                        of: "areaSquareMeters: 120",
                        with: "areaSquareMeters: 120\nbrnad: 一站一品"
                    ).utf8
                ),
                "stations/unknown.yaml:6:1: brnad: 未知的键“brnad”,是否想写“brand”?", nil
            ),
            (
                "a missing required slot", "stations/slot.yaml",
                Data(
                    validStation.replacingOccurrences(of: "      - { id: b2, name: 品牌二, slot: brand }\n", with: "").utf8
                ),
                "stations/slot.yaml:9:3: programs: 品牌项目:1 个,模板 海盐“123N” 要求 2 个", nil
            ),
            (
                "a station dropping a required indicator", "stations/drop.yaml",
                Data((validStation + "indicators:\n  - { id: servicePersonTimes, disabled: true }\n").utf8),
                "stations/drop.yaml:19:41: indicators[0].disabled: 不能停用指标“服务人次”:模板 海盐“123N” 要求保留", nil
            ),
            (
                "an override of a fixed target", "stations/fixed.yaml",
                Data((validStation + "indicators:\n  - { id: staffing114, atLeast: 3 }\n").utf8),
                "stations/fixed.yaml:19:5: indicators[0]: 指标““114”人员配备”的目标由模板 海盐“123N” 规定,社工站不可修改", nil
            ),
            (
                "cyclic extends", "templates/zz-loop.yaml",
                Data("id: zz-loop\nname: 循环\nversion: 1\nextends: zz-loop\n".utf8),
                "templates/zz-loop.yaml:4:10: extends: extends 形成循环:zz-loop → zz-loop", nil
            ),
            (
                "extends to a missing template", "stations/missing.yaml",
                Data(validStation.replacingOccurrences(of: "extends: haiyan-123n", with: "extends: haiyan-123").utf8),
                "stations/missing.yaml:3:10: extends: 找不到模板“haiyan-123”,是否想写“haiyan-123n”?", nil
            ),
            (
                "an approval workflow that skips the station", "templates/zz-approvals.yaml",
                Data(
                    """
                    id: zz-approvals
                    name: 审核
                    version: 1
                    approvals:
                      - { id: m, name: 月度, covers: [services], period: month, levels: [county, city], deadline: { day: 5 } }

                    """.utf8
                ),
                "templates/zz-approvals.yaml:5:67: approvals[0].levels: 层级须从 station 开始、含 county、不重复,如 [station, county] 或 [station, county, city]",
                nil
            ),
            (
                "invalid UTF-8", "stations/gbk.yaml", Data("id: x\nname: ".utf8) + Data([0xB2, 0xE2, 0xCA, 0xD4]),
                "stations/gbk.yaml:2:7: 文件不是 UTF-8 编码,请用 UTF-8 保存", nil
            ),
        ] as [(String, String, Data, String, String?)]
    )
    func reportsABrokenFileExactly(
        _ what: String,
        _ path: String,
        _ data: Data,
        _ expected: String,
        _ detail: String?
    )
        throws
    {
        let tree = try ConfigTree([path: data])
        defer { tree.remove() }
        let problems = tree.validate().problems.map { $0.message(in: .zhHans) }
        #expect(problems.count == 1, "\(what): \(problems)")
        let message = try #require(problems.first)
        #expect(message.hasPrefix(expected), "\(what): \(message)")
        if let detail { #expect(message.contains(detail), "\(what): \(message)") }
    }

    /// The kinds whose consumers come later are checked now: brands, standards, subscriptions.
    @Test(arguments: [
        (
            "subscriptions.yaml",
            "subscriptions:\n  - { name: a, kind: webhook, url: https://x.invalid, secret: whsec_abc, events: [\"*\"] }\n",
            "subscriptions[0].secret: 类型不符,应为 映射(键: 值)"
        ),
        (
            "subscriptions.yaml",
            "subscriptions:\n  - { name: a, kind: wecom, url: \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc\", events: [\"*\"] }\n",
            "subscriptions[0].url: 机器人地址含令牌,须写成环境变量占位"
        ),
        (
            "subscriptions.yaml",
            "subscriptions:\n  - { name: a, kind: webhook, url: \"http://10.0.0.1/x\", events: [\"Service.Recorded\"] }\n",
            "subscriptions[0].events[0]: 事件过滤“Service.Recorded”应形如"
        ),
        // The https rule reads the parsed URL: a loopback address before @ is a user name, and the
        // delivery would go to example.com (issue 21.13).
        (
            "subscriptions.yaml",
            "subscriptions:\n  - { name: a, kind: webhook, url: \"http://127.0.0.1@example.com/hook\", secret: { env: S }, events: [\"*\"] }\n",
            "subscriptions[0].url: 地址不得在主机名前带用户名或密码"
        ),
        (
            "subscriptions.yaml",
            "subscriptions:\n  - { name: a, kind: webhook, url: \"http://localhost.example.com/hook\", secret: { env: S }, events: [\"*\"] }\n",
            "subscriptions[0].url: 地址应以 https:// 开头"
        ),
        (
            "subscriptions.yaml",
            "subscriptions:\n  - { name: a, kind: webhook, url: \"https://169.254.169.254/latest/meta-data\", secret: { env: S }, events: [\"*\"] }\n",
            "subscriptions[0].url: 地址 169.254.169.254 是链路本地或云元数据地址"
        ),
        (
            "subscriptions.yaml",
            "subscriptions:\n  - { name: a, kind: webhook, url: \"https://x.invalid/hook\", events: [\"*\"] }\n",
            "subscriptions[0].secret: webhook 订阅须有签名密钥"
        ),
        (
            "requests/r.yaml",
            "tiers: [{ id: grid, name: 网格员 }]\ncategories:\n  - { id: a, name: 甲, kind: request, firstTier: grid, limits: { accept: 2h, answer: 1d, resolve: 七天 } }\n",
            "categories[0].limits.resolve: “七天”不是时限:应写成数字加 m、h 或 d"
        ),
        (
            "requests/r.yaml",
            "tiers: [{ id: grid, name: 网格员 }]\ncategories:\n  - { id: a, name: 甲, kind: request, firstTier: grid, limits: { accept: 2d, answer: 1d, resolve: 7d } }\n",
            "categories[0].limits: 时限应依次不短于前一个:受理 2d ≤ 反馈 1d ≤ 办结 7d"
        ),
        (
            "requests/r.yaml",
            "tiers: [{ id: grid, name: 网格员 }, { id: grid, name: 网格长 }]\ncategories:\n  - { id: a, name: 甲, kind: request, firstTier: liaison, limits: { accept: 2h, answer: 1d, resolve: 7d } }\n",
            "categories[0].firstTier: 没有层级“liaison”;本文件的层级:grid、grid"
        ),
        (
            "requests/r.yaml",
            "tiers: [{ id: grid, name: 网格员 }, { id: grid, name: 网格长 }]\ncategories: []\n",
            "tiers[1].id: 层级代码“grid”重复"
        ),
        (
            "requests/r.yaml",
            "tiers: [{ id: grid, name: 网格员 }]\ncategories:\n  - { id: a, name: 甲, kind: wish, firstTier: grid, limits: { accept: 2h, answer: 1d, resolve: 7d } }\n",
            "categories[0].kind:"
        ),
        (
            "standards/s.yaml",
            "id: s\nname: 标准\nsource: 种子 001\nrules:\n  - { id: area, name: 面积, kind: threshold, source: 种子 001 §六 }\n",
            "rules[0]: threshold 规则须写 metric"
        ),
        (
            "brands/b.yaml", "id: b\nname: 品牌\nstation: nowhere\nsource: 种子 000\n", "station: 没有社工站“nowhere”"
        ),
        (
            "ledgers/headers.yaml",
            "services:\n  columns: { date: [日期], when: [时间] }\nclients:\n  columns: { name: [姓名, 日期] }\nvolunteers:\n  columns: { name: [姓名] }\ndonations:\n  columns: { date: [日期] }\n",
            "services.columns.when: 未知字段“when”"
        ),
        (
            "ledgers/headers.yaml",
            "services:\n  columns: { date: [日期], kind: [日期] }\nclients:\n  columns: { name: [姓名] }\nvolunteers:\n  columns: { name: [姓名] }\ndonations:\n  columns: { date: [日期] }\n",
            "表头“日期”已用于字段“date”"
        ),
    ])
    func checksTheKindsWhoseConsumersComeLater(_ path: String, _ text: String, _ expected: String) throws {
        let tree = try ConfigTree([path: Data(text.utf8), "stations/x.yaml": Data(validStation.utf8)])
        defer { tree.remove() }
        let problems = tree.validate().problems.map { $0.message(in: .zhHans) }
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }

    @Test func refusesARedefinedOrIncompleteField() throws {
        let station =
            validStation + """
                fields:
                  - { id: serviceDomain, name: 领域, type: text }
                  - { id: mood, name: 情绪, type: choice }

                """
        let tree = try ConfigTree(["stations/f.yaml": Data(station.utf8)])
        defer { tree.remove() }
        let problems = tree.validate().problems.map { $0.message(in: .zhHans) }
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("fields[0].id: 字段“serviceDomain”由模板定义,社工站只能增加新字段") })
        #expect(problems.contains { $0.contains("fields[1]: choice 字段“情绪”须列出 options") })
    }

    @Test func reportsEveryProblemOfAFileAtOnce() throws {
        let broken = validStation.replacingOccurrences(of: "role: head", with: "role: boss")
            .replacingOccurrences(of: "areaSquareMeters: 120", with: "areaSquareMeters: -5\ncolour: red")
            .replacingOccurrences(of: "township: \"330424102\"", with: "township: \"3304241\"")
        let tree = try ConfigTree(["stations/many.yaml": Data(broken.utf8)])
        defer { tree.remove() }
        let problems = tree.validate().problems
        #expect(problems.map(\.keyPath) == ["township", "areaSquareMeters", "colour", "workers[0].role"])
        #expect(problems.map(\.line) == [4, 5, 6, 8])
        #expect(problems[3].message(in: .en).contains("expected one of head, deputy, staff, assistant"))
    }

    @Test func keepsAStationsOwnAdditions() throws {
        let station =
            validStation.replacingOccurrences(
                of: "          - { id: s3, name: 基础三, slot: basic }",
                with: """
                              - { id: s3, name: 基础三, slot: basic }
                              - { id: o1, name: 自选一, slot: optional }
                              - { id: o2, name: 自选二, slot: optional }
                    """
            )
                + """
                indicators:
                  - { id: servicePersonTimes, atLeast: 2500 }
                  - { id: volunteerHours, name: 志愿服务时长, unit: 小时, period: year, atLeast: 500 }
                codeLists:
                  clientCategories:
                    - { code: fisherFamily, name: 渔民家庭 }

                """
        let tree = try ConfigTree(["stations/own.yaml": Data(station.utf8)])
        defer { tree.remove() }
        #expect(tree.validate().problems.map { $0.message(in: .en) } == [])
    }
}

/// Issue 26.1: the shipped request policy file is the kernel's shipped policy, so that a county that
/// copies it starts from the rules the seeds describe.
@Test func theShippedRequestPolicyFileIsTheKernelsShippedPolicy() throws {
    let file = try RequestPolicyFile.loadChecked(from: configFolder.appendingPathComponent("requests/haiyan.yaml"))
    #expect(file.policy == RequestPolicy.shipped)
}
