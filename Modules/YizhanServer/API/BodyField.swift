import YizhanKernel

/// The names a request body gives the fields the kernel's checks name as the command line's
/// options do (`duration` → `durationMinutes`, `id-number` → `idNumber`), so that every issue
/// of a refused body names the key the caller sent.
enum BodyField {
    /// Option names whose body key is not merely their camel case.
    private static let renamed = [
        "duration": "durationMinutes", "worker": "workers", "client": "clients", "category": "categories",
    ]

    /// The body key for the kernel's field `kernel`; a field in `keeping` is a key of the body as it is.
    static func name(_ kernel: String, keeping: Set<String> = []) -> String {
        if keeping.contains(kernel) { return kernel }
        if let name = renamed[kernel] { return name }
        return kernel.split(separator: "-").enumerated().map {
            $0 == 0 ? String($1) : $1.prefix(1).uppercased() + $1.dropFirst()
        }
        .joined()
    }

    /// Runs `work`, renaming the fields of any `InputError` it throws to the body's keys (those in
    /// `keeping` are the body's keys already: a case's body has one `client` and one `worker`).
    static func renaming<T>(keeping: Set<String> = [], _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as InputError {
            throw InputError(
                issues: error.issues.map { issue in
                    var renamed = issue
                    renamed.field = name(issue.field, keeping: keeping)
                    return renamed
                }
            )
        }
    }
}
