import CoreMetrics
import Metrics

/// The notifier's counters (swift-metrics): whatever backend the app bootstraps receives them.
struct NotifierMetrics: Sendable {
    let delivered: Counter
    let failed: Counter
    let retried: Counter
    let lag: Gauge

    /// The metrics of one subscription, labelled with its name.
    init(subscription: String) {
        let dimensions = [("subscription", subscription)]
        delivered = Counter(label: "yizhan_notify_delivered_total", dimensions: dimensions)
        failed = Counter(label: "yizhan_notify_failed_total", dimensions: dimensions)
        retried = Counter(label: "yizhan_notify_retried_total", dimensions: dimensions)
        lag = Gauge(label: "yizhan_notify_lag_seconds", dimensions: dimensions)
    }

    /// One delivery accepted, `lag` seconds after its event occurred.
    func recordDelivered(lag: Double) {
        delivered.increment()
        self.lag.record(lag)
    }

    /// One failed attempt that will be retried.
    func recordRetry() { retried.increment() }

    /// One dead letter.
    func recordDeadLetter() { failed.increment() }
}
