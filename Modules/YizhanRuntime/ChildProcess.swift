import Foundation
import Synchronization
import YizhanKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started as a child of this process with `posix_spawn` and awaited with `waitpid` on a
/// thread of its own.
///
/// Not Foundation's `Process`: on Linux its watch for a child's end runs on one shared thread and
/// can miss an end when many children come and go (a test run starts hundreds), after which
/// `waitUntilExit` and `isRunning` wait forever for a program that has long exited. Here each child
/// has its own waiting thread, which nothing else can miss, and the child inherits no descriptor but
/// its three standard ones, so it cannot keep another caller's pipe or file open.
public final class ChildProcess: Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// `/dev/null`.
        case nullDevice
        /// This process's own stream of the same number.
        case inherited
        /// A file: read from for input; for output, created (mode 0600) or emptied first.
        case file(String)
    }

    /// The child's process identifier.
    public let processIdentifier: Int32
    private let end = End()

    /// The exit status once known, and who waits for it; shared with the waiting thread.
    private final class End: Sendable {
        struct State {
            var status: Int32?
            var waiters: [CheckedContinuation<Int32, Never>] = []
        }
        let state = Mutex(State())
    }

    /// Starts `executable` (a path) with `arguments`, in `directory` when given, with exactly
    /// `environment` (this process's own when `nil`), and its streams where they are told to go.
    ///
    /// - Throws: `RuntimeError` `.toolFailed` when the program cannot be started (missing, not
    ///   executable, a stream's file cannot be opened).
    public init(
        executable: String,
        arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil,
        input: Stream = .nullDevice,
        output: Stream = .nullDevice,
        errors: Stream = .nullDevice
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (number, stream) in [(Int32(0), input), (1, output), (2, errors)] {
            switch stream {
            case .nullDevice:
                posix_spawn_file_actions_addopen(&actions, number, "/dev/null", number == 0 ? O_RDONLY : O_WRONLY, 0)
            case .inherited:
                break
            case .file(let path):
                let flags = number == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC
                posix_spawn_file_actions_addopen(&actions, number, path, flags, 0o600)
            }
        }
        let library = SpawnExtensions()
        library.closeFrom(&actions, 3)
        if let directory {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
                throw Self.cannotStart(executable, because: "工作目录 \(directory) 不存在")
            }
            guard library.changeDirectory(&actions, directory) else {
                throw Self.cannotStart(executable, because: "这台机器的 C 库不能为子进程指定工作目录")
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A child starts with no signal blocked and every signal at its default, whatever this
        // process (which ignores SIGPIPE, like every NIO server) has set for itself.
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard started == 0 else {
            let reason =
                started == ENOENT ? "找不到这个程序" : started == EACCES ? "没有执行它的权限" : String(cString: strerror(started))
            throw Self.cannotStart(executable, because: reason)
        }
        processIdentifier = pid
        let child = pid
        let end = self.end
        Thread {
            var status: Int32 = 0
            var reaped = waitpid(child, &status, 0)
            while reaped == -1, errno == EINTR { reaped = waitpid(child, &status, 0) }
            let signal = status & 0x7F
            let code = reaped == -1 ? 255 : signal == 0 ? (status >> 8) & 0xFF : 128 + signal
            let waiters = end.state.withLock { state in
                state.status = code
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: code) }
        }.start()
    }

    /// The exit status once the child has ended (128 + the signal when a signal ended it).
    public var exitStatus: Int32? { end.state.withLock { $0.status } }

    /// Whether the child is still running.
    public var isRunning: Bool { exitStatus == nil }

    /// Waits for the child to end, without holding a thread, and returns its exit status.
    @discardableResult public func ended() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = end.state.withLock { state in
                if state.status == nil { state.waiters.append(continuation) }
                return state.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// Waits at most `limit` for the child to end: its exit status, or `nil` if it is still running.
    public func ended(within limit: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let status = exitStatus { return status }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return exitStatus
    }

    /// Blocks the calling thread until the child ends and returns its exit status: only for callers
    /// that cannot await (a `defer`, a global's initialiser), since it holds one of Swift's few
    /// concurrency threads while it waits.
    public func endedBlocking() -> Int32 {
        while true {
            if let status = exitStatus { return status }
            usleep(5_000)
        }
    }

    /// Sends `signal` (SIGTERM, SIGKILL …) to the child if it is still running.
    public func send(_ signal: Int32) {
        if isRunning { kill(processIdentifier, signal) }
    }

    private static func cannotStart(_ executable: String, because reason: String) -> RuntimeError {
        RuntimeError(
            code: .toolFailed,
            detail: LocalizedText("无法启动 \(executable):\(reason)", en: "cannot start \(executable): \(reason)")
        )
    }
}

/// The GNU C library's `posix_spawn` additions (glibc 2.29 and 2.34), found at run time because
/// Swift's C module does not declare them.
private struct SpawnExtensions {
    private typealias AddDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private let addDirectory: AddDirectory?
    private let addCloseFrom: AddCloseFrom?

    init() {
        let library = dlopen(nil, RTLD_NOW)
        addDirectory = dlsym(library, "posix_spawn_file_actions_addchdir_np")
            .map { unsafeBitCast($0, to: AddDirectory.self) }
        addCloseFrom = dlsym(library, "posix_spawn_file_actions_addclosefrom_np")
            .map { unsafeBitCast($0, to: AddCloseFrom.self) }
    }

    /// Makes the child start in `directory`; `false` when the C library cannot.
    func changeDirectory(_ actions: inout posix_spawn_file_actions_t, _ directory: String) -> Bool {
        guard let addDirectory else { return false }
        return addDirectory(&actions, directory) == 0
    }

    /// Makes the child close every descriptor from `lowest` up, where the C library can.
    func closeFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) {
        _ = addCloseFrom?(&actions, lowest)
    }
}
