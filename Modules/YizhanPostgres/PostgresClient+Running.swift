public import Logging
public import PostgresNIO

extension PostgresClient {
    /// Runs the connection pool for as long as `body` does, then stops it, waiting `limit` at most.
    ///
    /// PostgresNIO's pool (1.33) now and then stays in `run()` after cancellation although its last
    /// connection has closed (one run in three of the backup test): awaiting it without a limit
    /// left a command, or the whole test run, waiting forever after its work was done. The pool
    /// therefore runs in a task of its own which is cancelled and given `limit` to end.
    public func whileRunning<T>(
        logger: Logger,
        stoppingWithin limit: Duration = .seconds(5),
        _ body: () async throws -> T
    ) async throws -> T {
        let (started, signal) = AsyncStream<Void>.makeStream()
        let pool = Task {
            signal.finish()
            await self.run()
        }
        for await _ in started {}  // the pool's task has begun, so leases do not race run()
        do {
            let result = try await body()
            await Self.stop(pool, within: limit, logger: logger)
            return result
        } catch {
            await Self.stop(pool, within: limit, logger: logger)
            throw error
        }
    }

    /// Cancels the pool's task and waits for it to end, `limit` at most.
    private static func stop(_ pool: Task<Void, Never>, within limit: Duration, logger: Logger) async {
        pool.cancel()
        let (ended, signal) = AsyncStream<Bool>.makeStream()
        let waiter = Task {
            await pool.value
            signal.yield(true)
        }
        let timer = Task {
            try? await Task.sleep(for: limit)
            signal.yield(false)
        }
        var stopped = false
        for await value in ended {
            stopped = value
            break
        }
        timer.cancel()
        if !stopped {
            waiter.cancel()
            logger.debug("the connection pool did not stop within its limit")
        }
    }
}
