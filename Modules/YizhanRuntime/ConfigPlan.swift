public import YizhanKernel

/// What applying configuration would change in a workspace: a line per change, and the change set
/// that makes all of them in one transaction.
public struct ConfigPlan: Sendable {
    /// One change, for people to read.
    public struct Line: Hashable, Sendable, Codable {
        /// `add`, `change` or `keep` (present in the store, absent from the files: kept, never dropped).
        public var action: String
        /// What kind of thing: `orgUnit`, `agency`, `station`, `worker`, `program`.
        public var kind: String
        /// Its id.
        public var id: String
        /// What changes, in both languages.
        public var detail: LocalizedText
    }

    /// The changes, in the order they are written.
    public var lines: [Line] = []
    /// The rows and events that make them.
    public var change = ChangeSet()

    /// Whether applying would write nothing.
    public var isEmpty: Bool { change.isEmpty }

    /// `+ station baibu 百步镇社会工作站` — one line per change, in the reader's language.
    public func render(in language: Language) -> [String] {
        lines.map { line in
            let mark = ["add": "+", "change": "~", "keep": "="][line.action] ?? "?"
            return "\(mark) \(line.kind) \(line.id): \(line.detail.text(in: language))"
        }
    }
}
