import Foundation

/// The Partner Center cloud instance; selects default API, token-authority and ARM URLs.
///
/// Values from section 0 of the API reference (partner-center-rest-urls.md and the
/// Partner Center PowerShell module's `EnvironmentConstants.cs`).
public enum PartnerCenterCloud: String, Sendable, Equatable, CaseIterable {
    /// Commercial cloud.
    case global
    /// Microsoft Cloud for US Government (same REST base as global, own authority).
    case usgov
    /// Partner Center operated by 21Vianet.
    case china

    /// Default Partner Center REST base URL.
    public var partnerCenterBaseURL: URL {
        switch self {
        case .global, .usgov: URL(string: "https://api.partnercenter.microsoft.com")!
        case .china: URL(string: "https://partner.partnercenterapi.microsoftonline.cn")!
        }
    }

    /// Default Entra ID token authority (without trailing slash).
    public var authorityURL: URL {
        switch self {
        case .global: URL(string: "https://login.microsoftonline.com")!
        case .usgov: URL(string: "https://login.microsoftonline.us")!
        case .china: URL(string: "https://login.chinacloudapi.cn")!
        }
    }

    /// Default Azure Resource Manager base URL.
    public var armBaseURL: URL {
        switch self {
        case .global: URL(string: "https://management.azure.com")!
        case .usgov: URL(string: "https://management.usgovcloudapi.net")!
        case .china: URL(string: "https://management.chinacloudapi.cn")!
        }
    }
}
