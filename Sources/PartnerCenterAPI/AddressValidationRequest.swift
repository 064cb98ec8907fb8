/// What `PartnerCenterPort.validateAddress` sends to the address service
/// (`POST /v1/validations/address`).
public enum AddressValidationRequest {
    /// The address properties the address service reads (reference §9.1), sent in camelCase;
    /// any other member of the address is left out of the request.
    public static let keys = ["addressLine1", "addressLine2", "city", "state", "postalCode", "country"]
}
