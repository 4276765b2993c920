import Foundation
import Testing
import YizhanConfig
import YizhanKernel

/// The repository's `config/` folder.
let configFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("config")

struct ConfigLoaderTests {
    @Test func loadsEveryShippedStationFile() throws {
        let folder = configFolder.appendingPathComponent("stations/haiyan")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(names.count == 9)
        let stations = try names.map {
            try ConfigLoader.load(StationFile.self, from: folder.appendingPathComponent($0))
        }
        // Seed 000 §一.一: 54 workers under the “114” standard, 36 certified, 19 party members;
        // §二.一: 9 programs with 63 sub-projects; total area 14,000 m².
        #expect(stations.map(\.workers.count).reduce(0, +) == 54)
        #expect(stations.flatMap(\.stationWorkers).filter(\.isCertified).count == 36)
        #expect(stations.flatMap(\.stationWorkers).filter(\.isPartyMember).count == 19)
        #expect(stations.map(\.programs.count).reduce(0, +) == 9)
        #expect(stations.flatMap(\.programs).map(\.subProjects.count).reduce(0, +) == 63)
        #expect(stations.map(\.areaSquareMeters).reduce(0, +) == 14_000)
        for station in stations {
            let roles = station.workers.map(\.role)
            #expect(
                roles.filter { $0 == .head }.count == 1 && roles.filter { $0 == .deputy }.count == 1,
                "\(station.id)"
            )
            let slots = station.programs.flatMap(\.subProjects).map(\.slot)
            #expect(
                slots.filter { $0 == .core }.count == 1 && slots.filter { $0 == .brand }.count == 2,
                "\(station.id)"
            )
            #expect(slots.filter { $0 == .basic }.count == 3, "\(station.id)")
        }
    }

    @Test func loadsTheDivisionsAndTheDemoRecipe() throws {
        let divisions = try ConfigLoader.load(
            DivisionsFile.self,
            from: configFolder.appendingPathComponent("divisions/330424-haiyan.yaml")
        )
        #expect(divisions.county.code.rawValue == "330424000000")
        #expect(divisions.townships.count == 9)  // seed 000: 5 镇 4 街道
        #expect(
            divisions.orgUnits.allSatisfy {
                $0.level != .village || $0.parent.map(divisions.county.code.contains) == true
            }
        )
        let demo = try ConfigLoader.load(DemoFile.self, from: configFolder.appendingPathComponent("demo/haiyan.yaml"))
        #expect(demo.year == 2021)
    }

    @Test func pointsAtTheLineOfAWrongValue() {
        let yaml = """
            id: baibu
            name: 百步镇社会工作站
            township: "330424102"
            areaSquareMeters: 很大
            workers: []
            programs: []
            """
        let errors = #expect(throws: ConfigErrors.self) {
            try ConfigLoader.decode(StationFile.self, from: Data(yaml.utf8), file: "baibu.yaml")
        }
        #expect(errors?.problems.first?.location == "baibu.yaml:4:19")
        #expect(errors?.problems.first?.keyPath == "areaSquareMeters")
        #expect(
            errors?.problems.first?.message(in: .zhHans)
                == "baibu.yaml:4:19: areaSquareMeters: 收到“很大”,应为 0–1000000 之间的整数"
        )
    }

    @Test func pointsAtAnInvalidCodeInAList() {
        let yaml = """
            parents: []
            county: { code: "330424", name: 海盐县 }
            townships:
              - code: "330424102"
                name: 百步镇
                villages:
                  - { code: "3304241022", name: 示例村 }
            """
        let errors = #expect(throws: ConfigErrors.self) {
            try ConfigLoader.decode(DivisionsFile.self, from: Data(yaml.utf8), file: "d.yaml")
        }
        #expect(errors?.problems.first?.line == 7)
        #expect(errors?.problems.first?.keyPath == "townships[0].villages[0].code")
        #expect(errors?.problems.first?.message(in: .en).contains("should be 6, 9 or 12 digits") == true)
    }

    @Test func namesAMissingKeyAtItsMapping() {
        let errors = #expect(throws: ConfigErrors.self) {
            try ConfigLoader.decode(DivisionsFile.self, from: Data("parents: []\ntownships: []\n".utf8), file: "d.yaml")
        }
        #expect(errors?.problems.first?.code == .missingKey)
        #expect(errors?.problems.first?.message(in: .zhHans) == "d.yaml:1:1: 缺少必填项“county”(县)")
    }

    @Test func refusesTabIndentation() {
        let errors = #expect(throws: ConfigErrors.self) {
            try ConfigLoader.decode(DivisionsFile.self, from: Data("parents:\n\t- x\n".utf8), file: "t.yaml")
        }
        #expect(errors?.problems.first?.code == .syntax)
        #expect(errors?.problems.first?.line == 2)
    }

    @Test func refusesTextThatIsNotUTF8() {
        var data = Data("name: 海盐\ncounty: ".utf8)
        data.append(contentsOf: [0xBA, 0xA3, 0xD1, 0xCE])  // 海盐 in GBK
        let errors = #expect(throws: ConfigErrors.self) {
            try ConfigLoader.decode(WorkspaceFile.self, from: data, file: "yizhan.yaml")
        }
        #expect(errors?.problems.first?.code == .notUTF8)
        #expect(errors?.problems.first?.location == "yizhan.yaml:2:9")
    }
}
