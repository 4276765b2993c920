public import Foundation
import Yams
public import YizhanKernel

/// Reads YAML configuration files into `Decodable` values, and turns every failure into a
/// `ConfigError` that names the file, line and column.
///
/// Yams' `Node` and decoder are not `Sendable`; they live only inside `load` and never escape it.
public enum ConfigLoader {
    /// A decoded file with the positions of its keys, for checks that span files.
    public struct Loaded<Value: Sendable>: Sendable {
        /// The file as given.
        public var file: String
        /// The decoded value.
        public var value: Value
        /// Line and column of every key path (`programs[0].subProjects[2].slot`).
        public var positions: [String: Position]

        /// A problem at `keyPath` in this file (at its closest known position).
        public func problem(_ code: ConfigError.Code, at keyPath: String, _ detail: LocalizedText) -> ConfigError {
            var path = keyPath
            while positions[path] == nil, let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) {
                path = String(path[..<cut])
            }
            let position = positions[path] ?? Position(line: 1, column: 1)
            return ConfigError(
                code: code,
                file: file,
                line: position.line,
                column: position.column,
                keyPath: keyPath,
                detail: detail
            )
        }
    }

    /// A line and column, from 1.
    public struct Position: Hashable, Sendable {
        /// The line.
        public var line: Int
        /// The column.
        public var column: Int
    }

    /// Checks and decodes the YAML file at `url` as `Value`.
    ///
    /// - Parameter displayPath: how the file is named in errors (defaults to the path as given).
    /// - Throws: `ConfigErrors` with every problem in the file: unreadable, not UTF-8, malformed YAML,
    ///   or keys and values that do not fit `Value.shape`, each with its line and column.
    public static func load<Value: ConfigFile>(
        _ type: Value.Type,
        from url: URL,
        displayPath: String? = nil
    ) throws(ConfigErrors) -> Value {
        try loadWithPositions(type, from: url, displayPath: displayPath).value
    }

    /// Like `load`, keeping the positions of the file's keys.
    public static func loadWithPositions<Value: ConfigFile>(
        _ type: Value.Type,
        from url: URL,
        displayPath: String? = nil
    ) throws(ConfigErrors) -> Loaded<Value> {
        let file = displayPath ?? url.relativePath
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigErrors([
                ConfigError(
                    code: .unreadable,
                    file: file,
                    detail: LocalizedText(
                        "无法读取文件:\(error.localizedDescription)",
                        en: "cannot read the file: \(error.localizedDescription)"
                    )
                )
            ])
        }
        return try decodeWithPositions(type, from: data, file: file)
    }

    /// Checks and decodes YAML `data` as `Value`, naming `file` in errors.
    public static func decode<Value: ConfigFile>(
        _ type: Value.Type,
        from data: Data,
        file: String
    ) throws(ConfigErrors)
        -> Value
    {
        try decodeWithPositions(type, from: data, file: file).value
    }

    /// Like `decode`, keeping the positions of the file's keys.
    public static func decodeWithPositions<Value: ConfigFile>(
        _ type: Value.Type,
        from data: Data,
        file: String
    ) throws(ConfigErrors) -> Loaded<Value> {
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(data)
            let (line, column) = position(ofByte: offset, in: data)
            throw ConfigErrors([
                ConfigError(
                    code: .notUTF8,
                    file: file,
                    line: line,
                    column: column,
                    detail: LocalizedText("文件不是 UTF-8 编码,请用 UTF-8 保存", en: "the file is not UTF-8; save it as UTF-8")
                )
            ])
        }
        let node: Node
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw ConfigErrors([
                    ConfigError(
                        code: .missingKey,
                        file: file,
                        line: 1,
                        column: 1,
                        detail: LocalizedText("文件为空", en: "the file is empty")
                    )
                ])
            }
            node = root
        } catch let error as ConfigErrors {
            throw error
        } catch {
            throw ConfigErrors(syntaxErrors(error, file: file, text: text))
        }
        var checker = ShapeChecker(file: file)
        checker.check(node, against: .object(Value.shape), at: "")
        guard checker.problems.isEmpty else { throw ConfigErrors(checker.problems) }
        let positions = checker.positions.mapValues { Position(line: $0.line, column: $0.column) }
        do {
            return Loaded(file: file, value: try YAMLDecoder().decode(type, from: node), positions: positions)
        } catch let error as DecodingError {
            throw ConfigErrors([decodingError(error, root: node, file: file)])
        } catch {
            throw ConfigErrors([
                ConfigError(
                    code: .invalidValue,
                    file: file,
                    detail: LocalizedText("无法解析:\(error)", en: "cannot decode: \(error)")
                )
            ])
        }
    }

    private static func syntaxErrors(_ error: any Error, file: String, text: String) -> [ConfigError] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let why = [context?.text, problem].compactMap { $0 }.joined(separator: " ")
            let line = mark.line <= lines.count ? Array(lines[mark.line - 1].unicodeScalars) : []
            let atTab = mark.column <= line.count && line[mark.column - 1] == "\t"
            return [
                ConfigError(
                    code: .syntax,
                    file: file,
                    line: mark.line,
                    column: mark.column,
                    detail: atTab
                        ? LocalizedText("YAML 不允许用制表符缩进,请改用空格", en: "YAML indentation must be spaces, not tabs")
                        : LocalizedText("YAML 语法错误:\(why)", en: "YAML syntax error: \(why)")
                )
            ]
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams names the keys only: find each one's second appearance as a key in the text.
            return duplicates.sorted().map { key in
                let pattern = "^\\s*(- )?[\"']?\(NSRegularExpression.escapedPattern(for: key))[\"']?\\s*:"
                let hits = lines.indices.filter { lines[$0].range(of: pattern, options: .regularExpression) != nil }
                let line = hits.count > 1 ? hits[1] + 1 : context.mark.line
                let first = hits.first.map { $0 + 1 } ?? context.mark.line
                let column =
                    hits.count > 1
                    ? (lines[hits[1]].firstIndex { $0 != " " && $0 != "-" }).map {
                        lines[hits[1]].distance(from: lines[hits[1]].startIndex, to: $0) + 1
                    } ?? 1 : context.mark.column
                return ConfigError(
                    code: .duplicateKey,
                    file: file,
                    line: line,
                    column: column,
                    keyPath: key,
                    detail: LocalizedText(
                        "键“\(key)”重复(第一次出现在第 \(first) 行)",
                        en: "duplicate key '\(key)' (first on line \(first))"
                    )
                )
            }
        default:
            return [
                ConfigError(
                    code: .syntax,
                    file: file,
                    detail: LocalizedText("YAML 语法错误:\(error)", en: "YAML syntax error: \(error)")
                )
            ]
        }
    }

    private static func decodingError(_ error: DecodingError, root: Node, file: String) -> ConfigError {
        let (path, detail, code): ([any CodingKey], LocalizedText, ConfigError.Code) =
            switch error {
            case .keyNotFound(let key, let context):
                (
                    context.codingPath,
                    LocalizedText("缺少必填项“\(key.stringValue)”", en: "missing required key '\(key.stringValue)'"),
                    .missingKey
                )
            case .typeMismatch(let type, let context):
                (
                    context.codingPath,
                    LocalizedText(
                        "类型不符,应为 \(typeName(type, .zhHans))",
                        en: "wrong type, expected \(typeName(type, .en))"
                    ),
                    .invalidValue
                )
            case .valueNotFound(let type, let context):
                (
                    context.codingPath,
                    LocalizedText(
                        "缺少值,应为 \(typeName(type, .zhHans))",
                        en: "missing value, expected \(typeName(type, .en))"
                    ),
                    .missingKey
                )
            case .dataCorrupted(let context):
                (
                    context.codingPath,
                    LocalizedText("取值无效:\(context.debugDescription)", en: "invalid value: \(context.debugDescription)"),
                    .invalidValue
                )
            @unknown default:
                ([], LocalizedText("无法解析", en: "cannot decode"), .invalidValue)
            }
        // A missing key is reported at its mapping; anything else at the value itself.
        let node = locate(path, in: root)
        let mark = node.mark
        return ConfigError(
            code: code,
            file: file,
            line: mark?.line,
            column: mark?.column,
            keyPath: keyPath(path),
            detail: detail
        )
    }

    /// The deepest node along `path` that exists.
    private static func locate(_ path: [any CodingKey], in root: Node) -> Node {
        var node = root
        for key in path {
            let next: Node? =
                if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
                    sequence[index]
                } else {
                    node.mapping?[key.stringValue]
                }
            guard let next else { return node }
            node = next
        }
        return node
    }

    /// `workers[2].role`.
    static func keyPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func typeName(_ type: Any.Type, _ language: Language) -> String {
        let name = String(describing: type)
        let labels: [String: LocalizedText] = [
            "String": LocalizedText("文本", en: "text"), "Int": LocalizedText("整数", en: "an integer"),
            "Bool": LocalizedText("true 或 false", en: "true or false"),
            "Double": LocalizedText("数字", en: "a number"),
        ]
        if let label = labels[name] { return label.text(in: language) }
        if name.hasPrefix("Array") { return language == .zhHans ? "列表" : "a list" }
        if name.hasPrefix("Dictionary") { return language == .zhHans ? "映射" : "a mapping" }
        return name
    }

    /// The byte offset of the first byte that does not begin valid UTF-8.
    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }

    private static func position(ofByte offset: Int, in data: Data) -> (Int, Int) {
        let prefix = data.prefix(offset)
        let line = prefix.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
        let column =
            String(decoding: data[lineStart..<(data.startIndex + offset)], as: UTF8.self).unicodeScalars.count + 1
        return (line, column)
    }
}
