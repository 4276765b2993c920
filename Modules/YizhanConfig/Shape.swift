public import YizhanKernel

/// What a YAML value must look like: the vocabulary that configuration files are checked against
/// before they are decoded, so that every problem in a file is reported at once.
public indirect enum Shape: Sendable {
    /// Any text.
    case text
    /// An identifier (`baibu`, `haiyan-123n`): ASCII letters, digits, `.`, `_`, `-`.
    case identifier
    /// A whole number in the range.
    case integer(ClosedRange<Int>)
    /// `true` or `false`.
    case boolean
    /// A civil date, `YYYY-MM-DD`.
    case date
    /// A statistical division code of 2, 4, 6, 9 or 12 digits.
    case divisionCode
    /// One of the listed words.
    case oneOf([String])
    /// A list of values of one shape.
    case list(Shape)
    /// A mapping with known keys.
    case object(ObjectShape)
    /// A mapping from any key to values of one shape.
    case dictionary(Shape)
}

/// The keys a mapping may have.
public struct ObjectShape: Sendable {
    /// The keys, in the order documentation lists them.
    public var fields: [Field]

    /// Creates a shape from its fields.
    public init(_ fields: [Field]) { self.fields = fields }

    /// One key of a mapping.
    public struct Field: Sendable {
        /// The key.
        public var name: String
        /// Its value's shape.
        public var shape: Shape
        /// Whether the key must be present.
        public var required: Bool
        /// What it means, for messages and the JSON Schema.
        public var summary: LocalizedText

        /// A key that must be present.
        public static func required(_ name: String, _ shape: Shape, _ summary: LocalizedText) -> Field {
            Field(name: name, shape: shape, required: true, summary: summary)
        }

        /// A key that may be left out.
        public static func optional(_ name: String, _ shape: Shape, _ summary: LocalizedText) -> Field {
            Field(name: name, shape: shape, required: false, summary: summary)
        }
    }
}

/// A configuration file kind: decoded from YAML after its shape is checked.
public protocol ConfigFile: Decodable, Sendable {
    /// The shape every file of this kind must have.
    static var shape: ObjectShape { get }
}
