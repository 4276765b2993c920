import Foundation
import Testing
import YizhanConfig
import YizhanRuntime

struct JSONSchemaTests {
    /// The schemas under config/schema are the ones the code generates (run `yizhan config schema`).
    @Test(arguments: JSONSchema.kinds.map(\.name))
    func committedSchemasAreCurrent(_ name: String) throws {
        let kind = try #require(JSONSchema.kinds.first { $0.name == name })
        let committed = try String(
            contentsOf: configFolder.appendingPathComponent("schema/\(name).schema.json"),
            encoding: .utf8
        )
        #expect(committed == JSONSchema.document(for: kind), "run: yizhan config schema --output config/schema")
    }

    /// Every shipped YAML file names its schema, so that editors check it as it is typed.
    @Test func everyShippedFileNamesItsSchema() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: configFolder.path).filter {
            $0.hasSuffix(".yaml")
        }
        #expect(files.count == 27)
        for file in files {
            let first =
                try String(contentsOf: configFolder.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").first.map(String.init) ?? ""
            let kind = file.split(separator: "/").first.map(String.init) ?? ""
            let name = [
                "templates": "template", "stations": "station", "divisions": "divisions", "demo": "demo",
                "brands": "brand",
                "standards": "standard", "evaluations": "evaluation", "subscriptions.yaml": "subscriptions",
                "ledgers": "ledger-headers", "requests": "requests",
            ][kind]
            let depth = file.split(separator: "/").count - 1
            let expected =
                "# yaml-language-server: $schema=\(String(repeating: "../", count: depth))schema/\(name ?? "?").schema.json"
            #expect(first == expected, "\(file)")
        }
    }

    /// An independent validator (Python's jsonschema, installed by .ci/run) accepts every shipped file.
    @Test(.enabled(if: pythonValidatorAvailable, "pip install jsonschema pyyaml"))
    func anIndependentValidatorAcceptsTheShippedFiles() async throws {
        let script = """
            import json, pathlib, sys, yaml, jsonschema
            root = pathlib.Path(sys.argv[1])
            kinds = {"templates": "template", "stations": "station", "divisions": "divisions", "demo": "demo",
                     "brands": "brand", "standards": "standard", "evaluations": "evaluation",
                     "subscriptions.yaml": "subscriptions", "ledgers": "ledger-headers", "requests": "requests"}
            count = 0
            for path in sorted(root.rglob("*.yaml")):
                kind = kinds[path.relative_to(root).parts[0]]
                schema = json.loads((root / "schema" / f"{kind}.schema.json").read_text())
                document = yaml.load(path.read_text(), Loader=yaml.BaseLoader)  # every scalar as text
                document = json.loads(json.dumps(document))
                def typed(node, schema):
                    if isinstance(node, dict):
                        props = schema.get("properties", {})
                        extra = schema.get("additionalProperties")
                        return {k: typed(v, props.get(k, extra if isinstance(extra, dict) else {})) for k, v in node.items()}
                    if isinstance(node, list):
                        return [typed(v, schema.get("items", {})) for v in node]
                    if schema.get("type") == "integer": return int(node)
                    if schema.get("type") == "boolean": return node == "true"
                    return node
                jsonschema.validate(typed(document, schema), schema)
                count += 1
            print(count)
            """
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-schemas-\(UUID()).out")
        defer { try? FileManager.default.removeItem(at: log) }
        let status = try await ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["python3", "-c", script, configFolder.path],
            output: .file(log.path),
            errors: .file(log.path)
        ).ended()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(text)")
        #expect(text == "27\n")
    }
}

/// Whether python3 with jsonschema and PyYAML is here (`.ci/run` installs them).
let pythonValidatorAvailable: Bool =
    (try? ChildProcess(executable: "/usr/bin/env", arguments: ["python3", "-c", "import jsonschema, yaml"]))?
    .endedBlocking() == 0
