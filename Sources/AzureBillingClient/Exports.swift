// The ARM client implements `AzureBillingPort` of the API module: whoever imports it sees the
// customer, scope and query types without a second import.
@_exported import PartnerCenterAPI
