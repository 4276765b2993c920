public import Foundation
public import YizhanApproval
public import YizhanKernel
public import YizhanRuntime

/// What the server's routes work with, built once by the app (or a test) and passed in: the
/// store, the account services and the use cases every route calls — the same ones the CLI calls.
public struct ServerDependencies: Sendable {
    /// The workspace's store.
    public let store: any StationStore
    /// Accounts, sign-in, sessions and tokens.
    public let accounts: AccountServices
    /// The one place objects are checked against the caller's grants.
    public let access: ObjectAccess
    /// Records services, with the brand plugins' handlers.
    public let recorder: RecordService
    /// Opens personal data to mask it (listings) or reveal it (`revealer`).
    public let vault: any PersonalDataVault
    /// Registers clients, their data sealed with `vault`.
    public let registrar: RegisterClient
    /// Reveals a client's data once the reveal is recorded.
    public let revealer: RevealClient
    /// Opens and moves cases.
    public let cases: CaseWork
    /// Registers volunteers, their data sealed with `vault`.
    public let volunteerRegistrar: RegisterVolunteer
    /// Schedules volunteer activities and records who attended.
    public let volunteering: VolunteerWork
    /// The instant and the working day (Asia/Shanghai) the routes judge by.
    public let clock: WorkClock
    /// The county the workspace serves.
    public let home: DivisionCode
    /// The brand plugins, whose figures reports add.
    public let plugins: PluginRegistry
    /// The standards and schemes reports may name.
    public let reportConfig: ReportConfig
    /// The ledgers' header dictionary (`config/ledgers/headers.yaml`), by which pages export and
    /// import ledgers as `yizhan export` and `yizhan import` do; `nil`: those pages answer 404.
    public let ledgerHeaders: URL?
    /// Submission and approval of the stations' periods (issue 25).
    public let approvals: ApprovalWork
    /// The Prometheus text of the process's metrics, for `/metrics`.
    public let metrics: @Sendable () async -> String

    /// Dependencies over `store`, personal data sealed and opened with `vault`.
    public init(
        store: any StationStore,
        accounts: AccountServices,
        vault: any PersonalDataVault,
        home: DivisionCode,
        plugins: PluginRegistry = PluginRegistry(),
        reportConfig: ReportConfig = ReportConfig(),
        ledgerHeaders: URL? = nil,
        approvalWorkflows: [ApprovalWorkflow] = [],
        clock: WorkClock = .system,
        metrics: @escaping @Sendable () async -> String = { "" }
    ) {
        self.store = store
        self.accounts = accounts
        self.access = ObjectAccess(store: store, home: home, clock: clock)
        self.recorder = RecordService(store: store, clock: clock, plugins: plugins)
        self.vault = vault
        self.registrar = RegisterClient(store: store, vault: vault, clock: clock)
        self.revealer = RevealClient(store: store, vault: vault, clock: clock)
        self.cases = CaseWork(store: store, clock: clock)
        self.volunteerRegistrar = RegisterVolunteer(store: store, vault: vault, clock: clock)
        self.volunteering = VolunteerWork(store: store, clock: clock)
        self.clock = clock
        self.home = home
        self.plugins = plugins
        self.reportConfig = reportConfig
        self.ledgerHeaders = ledgerHeaders
        self.approvals = ApprovalWork(store: store, workflows: approvalWorkflows, home: home, clock: clock)
        self.metrics = metrics
    }
}
