import Foundation
public import Hummingbird
public import NIOCore

/// The address a request came from, as the sign-in throttle counts it: the connected peer, or —
/// only when the peer is one of the operator's proxies — the nearest address in `X-Forwarded-For`
/// that is not a proxy of theirs (a client can write anything in that header; a proxy appends the
/// peer it saw, so only the entries the operator's proxies added are believed).
public struct ClientAddress: Sendable {
    /// The proxies (IP addresses as text) whose `X-Forwarded-For` is believed.
    public let trustedProxies: Set<String>

    /// Believes `X-Forwarded-For` from `trustedProxies` only.
    public init(trustedProxies: Set<String> = []) { self.trustedProxies = trustedProxies }

    /// The address of `request` arriving from `peer`; `unknown` when there is none (a test router).
    public func of(_ request: Request, peer: SocketAddress?) -> String {
        resolve(peer: peer?.ipAddress, forwardedFor: request.headers[values: .xForwardedFor])
    }

    /// The client's address given the peer's and the `X-Forwarded-For` values received.
    public func resolve(peer: String?, forwardedFor: [String]) -> String {
        guard let peer else { return "unknown" }
        guard trustedProxies.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !hop.isEmpty {
            if !trustedProxies.contains(hop) { return hop }
        }
        return peer
    }
}
