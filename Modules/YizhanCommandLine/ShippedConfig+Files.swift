import Foundation
public import YizhanConfig

extension ShippedConfig {
    /// The standard in `file`, else the shipped one with id `id`, else every shipped standard in
    /// file-name order.
    ///
    /// - Throws: `RuntimeError` when the shipped folder cannot be found; `ConfigErrors` for a bad file.
    public static func standards(id: String?, file: String?) throws -> [StandardFile] {
        if let file {
            return [try StandardFile.load(from: URL(fileURLWithPath: file), displayPath: file)]
        }
        if let id {
            let relative = "config/standards/\(id).yaml"
            return [try StandardFile.load(from: try locate(relative, option: "--standard-file"), displayPath: relative)]
        }
        let folder = try locate("config/standards", option: "--standard-file")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        return try files.sorted().map {
            try StandardFile.load(from: folder.appendingPathComponent($0), displayPath: "config/standards/\($0)")
        }
    }

    /// Every shipped evaluation scheme, in file-name order.
    public static func schemes() throws -> [EvaluationFile] {
        let folder = try locate("config/evaluations", option: "--scheme")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        return try files.sorted().map {
            try EvaluationFile.load(from: folder.appendingPathComponent($0), displayPath: "config/evaluations/\($0)")
        }
    }

    /// The shipped evaluation scheme with id `id` (`config/evaluations/ID.yaml`).
    public static func scheme(id: String) throws -> EvaluationFile {
        let relative = "config/evaluations/\(id).yaml"
        return try EvaluationFile.load(from: try locate(relative, option: "--scheme"), displayPath: relative)
    }
}
