import Foundation
public import YizhanKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Actor {
    /// The operating-system account running the command, as `cli:NAME` (the account that ran
    /// `sudo` when there is one): who revealed, exported or changed what, instead of the constant
    /// `cli` for everyone (issue 21.10). An account name, never a person's real name.
    public static var commandLineUser: Actor {
        Actor(rawValue: "cli:" + (Environment.value("SUDO_USER") ?? effectiveUserName ?? String(geteuid())))
    }

    private static var effectiveUserName: String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
