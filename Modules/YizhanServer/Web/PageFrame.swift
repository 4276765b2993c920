public import Hummingbird
public import YizhanKernel

/// What every signed-in page shows around its content: who is signed in, the CSRF token its forms
/// carry, and the tabs of the station or county the page belongs to — only those the account's
/// grants let it use there, so a viewer is never offered a form it would be refused.
public struct PageFrame: Sendable {
    /// Where a page belongs.
    public enum Place: Sendable {
        /// A station's pages.
        case station(Station)
        /// The county's pages.
        case county(OrgUnit)
        /// No station or county (the account's own home).
        case none
    }

    /// The tabs, each with its string key.
    public enum Section: String, Sendable {
        case home, record, records, clients, cases, requests, volunteers, importLedger
        case dashboard, approvals, reports, accounts
    }

    let strings: PageStrings

    /// A frame with the pages' words.
    public init(strings: PageStrings) { self.strings = strings }

    /// The frame's values for `request` by `context` at `place`, `section` marked current.
    public func values(
        _ request: Request,
        context: WebContext,
        place: Place,
        section: Section? = nil
    ) -> [String: Any] {
        let language = PageLanguage.of(request)
        var values: [String: Any] = [
            "signedIn": true, "csrf": context.signedIn.session.csrfSecret,
            "displayName": context.signedIn.account.displayName,
        ]
        let principal = context.principal
        var items: [(Section, String)] = []
        var heading = ""
        switch place {
        case .station(let station):
            heading = station.name
            let base = "/stations/\(station.id.rawValue)"
            items.append((.home, base))
            if principal.may(.writeRecords, at: station) { items.append((.record, "\(base)/records/new")) }
            if principal.may(.readRecords, at: station) {
                items += [
                    (.records, "\(base)/records"), (.clients, "\(base)/clients"), (.cases, "\(base)/cases"),
                    (.requests, "\(base)/requests"), (.volunteers, "\(base)/volunteers"),
                ]
            }
            if principal.may(.writeRecords, at: station) { items.append((.importLedger, "\(base)/import")) }
        case .county(let unit):
            heading = unit.name
            items = [(.dashboard, "/county"), (.approvals, "/county/approvals"), (.reports, "/county/reports")]
            if principal.grants.contains(where: { $0.role.permissions.contains(.manageAccounts) }) {
                items.append((.accounts, "/county/accounts"))
            }
        case .none:
            break
        }
        if !items.isEmpty {
            values["nav"] = [
                "heading": heading,
                "items": items.map { item -> [String: Any] in
                    [
                        "href": item.1, "label": strings.text("nav_\(item.0.rawValue)", language),
                        "current": item.0 == section,
                    ]
                },
            ]
        }
        return values
    }
}
