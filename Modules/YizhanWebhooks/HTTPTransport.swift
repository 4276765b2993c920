public import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1

/// Sends one request and returns the answer; the notifier's only I/O, so tests can replace it.
public protocol HTTPTransport: Sendable {
    /// Sends `request`, giving up after `timeout`.
    ///
    /// - Throws: on connection failures and timeouts; an HTTP error status is a reply, not a throw.
    func send(_ request: DeliveryRequest, timeout: TimeInterval) async throws -> HTTPReply
}

/// The transport over AsyncHTTPClient: redirects off (a receiver cannot bounce a signed event
/// elsewhere), connect and read timeouts set, at most 64 KiB of a response read.
public struct AsyncHTTPTransport: HTTPTransport {
    /// The client; the owner shuts it down.
    public let client: HTTPClient

    /// A transport over `client`.
    public init(client: HTTPClient) {
        self.client = client
    }

    /// A process-wide transport over a client made by `makeClient()`, never shut down (like
    /// `HTTPClient.shared`, which follows redirects and so is not used).
    public static let shared = AsyncHTTPTransport(client: makeClient())

    /// A client configured as the notifier needs it: no redirects, 5 s to connect, 10 s to read.
    public static func makeClient(connectTimeout: TimeInterval = 5, readTimeout: TimeInterval = 10) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(
                connect: .milliseconds(Int64(connectTimeout * 1_000)),
                read: .milliseconds(Int64(readTimeout * 1_000))
            )
        )
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func send(_ request: DeliveryRequest, timeout: TimeInterval) async throws -> HTTPReply {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = .POST
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        let response = try await client.execute(outgoing, timeout: .milliseconds(Int64(timeout * 1_000)))
        var headers: [String: String] = [:]
        for (name, value) in response.headers { headers[name.lowercased()] = value }
        // Read the whole answer (so the connection can be reused) but keep only its first 64 KiB.
        var body = Data()
        for try await chunk in response.body where body.count < Self.bodyLimit {
            body.append(contentsOf: chunk.readableBytesView.prefix(Self.bodyLimit - body.count))
        }
        return HTTPReply(status: Int(response.status.code), headers: headers, body: body)
    }

    /// The most of a response body kept.
    static let bodyLimit = 64 * 1_024
}
