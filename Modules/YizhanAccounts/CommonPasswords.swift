import Foundation

/// The passwords refused because attackers try them first (ASVS 6.2.4): `Resources/common-passwords.txt`,
/// about 11,600 passwords of 8 characters or more, compared without regard to case.
enum CommonPasswords {
    /// The list, read once.
    static let all: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return Set(text.split(separator: "\n").lazy.filter { !$0.hasPrefix("#") }.map(String.init))
    }()

    /// Whether `password` is on the list.
    static func contains(_ password: String) -> Bool { all.contains(password.lowercased()) }
}
