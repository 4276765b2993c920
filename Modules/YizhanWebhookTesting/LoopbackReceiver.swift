public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 that records every request and answers as its responder
/// says: the receiver end of the notifier's tests and benchmark.
///
/// ```swift
/// let receiver = try await LoopbackReceiver.start { request, index in
///     index == 1 ? .init(status: 503) : .init(status: 204)
/// }
/// defer { Task { try await receiver.stop() } }
/// ```
public final class LoopbackReceiver: Sendable {
    /// One request as received.
    public struct Request: Sendable {
        /// The request target (path and query).
        public var uri: String
        /// The headers, names lower-cased.
        public var headers: [String: String]
        /// The body.
        public var body: Data
        /// When its last byte arrived.
        public var receivedAt: Date
    }

    /// What to answer.
    public struct Response: Sendable {
        /// The HTTP status.
        public var status: Int
        /// Extra headers.
        public var headers: [String: String]
        /// The body.
        public var body: String
        /// How long to wait before answering.
        public var delay: Duration

        /// An answer.
        public init(status: Int, headers: [String: String] = [:], body: String = "", delay: Duration = .zero) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
        }
    }

    /// Decides the answer to a request, given its 1-based position among all requests received.
    public typealias Responder = @Sendable (Request, Int) -> Response

    private let channel: any Channel
    private let responder: Responder
    private let received = Mutex<[Request]>([])
    private let concurrency = Mutex<(now: Int, peak: Int)>((0, 0))

    /// The port the server listens on.
    public let port: Int

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(channel: any Channel, port: Int, responder: @escaping Responder) {
        self.channel = channel
        self.port = port
        self.responder = responder
    }

    /// Starts a server on a free loopback port.
    public static func start(responder: @escaping Responder) async throws -> LoopbackReceiver {
        let box = Mutex<LoopbackReceiver?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(owner: box.withLock { $0 }))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let receiver = LoopbackReceiver(channel: channel, port: channel.localAddress?.port ?? 0, responder: responder)
        box.withLock { $0 = receiver }
        return receiver
    }

    /// The most requests that were waiting for their answer at once.
    public var peakConcurrency: Int { concurrency.withLock { $0.peak } }

    /// Every request so far, in arrival order.
    public var requests: [Request] { received.withLock { $0 } }

    /// Waits until at least `count` requests have arrived or `timeout` passes; returns whether they did.
    public func waitForRequests(_ count: Int, timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if requests.count >= count { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return requests.count >= count
    }

    /// Stops listening and closes the server.
    public func stop() async throws {
        try await channel.close()
    }

    fileprivate func record(_ request: Request) -> Response {
        let index = received.withLock { requests in
            requests.append(request)
            return requests.count
        }
        concurrency.withLock { $0 = (now: $0.now + 1, peak: max($0.peak, $0.now + 1)) }
        return responder(request, index)
    }

    fileprivate func answered() {
        concurrency.withLock { $0.now -= 1 }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let owner: LoopbackReceiver?
        private var head: HTTPRequestHead?
        private var body = ByteBuffer()

        init(owner: LoopbackReceiver?) {
            self.owner = owner
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let requestHead):
                head = requestHead
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                guard let head, let owner else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let request = Request(
                    uri: head.uri,
                    headers: headers,
                    body: Data(body.readableBytesView),
                    receivedAt: Date()
                )
                let response = owner.record(request)
                if response.delay == .zero {
                    respond(response, version: head.version, context: context)
                } else {
                    let version = head.version
                    let components = response.delay.components
                    let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
                    context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanoseconds)) {
                        self.respond(response, version: version, context: context)
                    }
                }
            }
        }

        private func respond(_ response: Response, version: HTTPVersion, context: ChannelHandlerContext) {
            var headers = HTTPHeaders()
            let bytes = ByteBuffer(string: response.body)
            headers.add(name: "content-length", value: "\(bytes.readableBytes)")
            headers.add(name: "content-type", value: "application/json")
            for (name, value) in response.headers { headers.add(name: name, value: value) }
            let status = HTTPResponseStatus(statusCode: response.status)
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: version, status: status, headers: headers))),
                promise: nil
            )
            context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            owner?.answered()
        }
    }
}
