/// JSON examples copied verbatim from Microsoft's API documentation pages (Partner Center REST and ARM Microsoft.Billing), so
/// that every test checks against the same published wire format.
public enum DocumentationExamples {
    /// Partner Center REST, "Get a customer's billing profile":
    /// the response example, the camelCase profile resource the service returns.
    public static let getBillingProfileResponse = """
        {
            "id": "<billing-profile-id>",
            "firstName": "FirstName",
            "lastName": "LastName",
            "email": "email@sample.com",
            "culture": "en-US",
            "language": "en",
            "companyName": "CompanyName",
            "defaultAddress": {
                "country": "US",
                "city": "Redmond",
                "state": "WA",
                "addressLine1": "1 Microsoft Way",
                "postalCode": "98052",
                "firstName": "FirstName",
                "lastName": "LastName",
                "phoneNumber": "4255555555"
            },
            "links": {
                "self": {
                    "uri": "/v1/customers/<customer-tenant-id>/profiles/billing",
                    "method": "GET",
                    "headers": []
                }
            },
            "attributes": {
                "etag": "<etag>",
                "objectType": "CustomerBillingProfile"
            }
        }
        """

    /// Partner Center REST, "Update a customer's billing profile":
    /// the request example, the PascalCase full resource sent with PUT.
    public static let updateBillingProfileRequest = """
        {
            "Id": "a58ceba5-60ac-48e4-a0bc-2a855811807a",
            "FirstName": "FirstName",
            "LastName": "LastName",
            "Email": "email@sample.com",
            "Culture": "en-US",
            "Language": "en",
            "CompanyName": "CompanyName",
            "DefaultAddress": {
                "Country": "US",
                "Region": null,
                "City": "Redmond",
                "State": "WA",
                "AddressLine1": "One Microsoft Way",
                "AddressLine2": null,
                "PostalCode": "98052",
                "FirstName": "FirstName",
                "LastName": "LastName",
                "PhoneNumber": "4255555555"
            },
            "Links": {
                "Self": {
                    "Uri": "/v1/customers/<customer-tenant-id>/profiles/billing",
                    "Method": "GET",
                    "Headers": []
                }
            },
            "Attributes": {
                "Etag": "<etag>",
                "ObjectType": "CustomerBillingProfile"
            }
        }
        """

    /// Partner Center REST, "Update a customer's billing profile":
    /// the response example, the camelCase resource returned after the update.
    public static let updateBillingProfileResponse = """
        {
            "id": "a58ceba5-60ac-48e4-a0bc-2a855811807a",
            "firstName": "FirstName",
            "lastName": "LastName",
            "email": "email@sample.com",
            "culture": "en-US",
            "language": "en",
            "companyName": "companyName",
            "defaultAddress": {
                "country": "US",
                "city": "Redmond",
                "state": "WA",
                "addressLine1": "One Microsoft Way",
                "postalCode": "98052",
                "firstName": "FirstName",
                "lastName": "LastName",
                "phoneNumber": "4255555555"
            },
            "links": {
                "self": {
                    "uri": "/v1/customers/<customer-tenant-id>/profiles/billing",
                    "method": "GET",
                    "headers": []
                }
            },
            "attributes": {
                "etag": "<etag>",
                "objectType": "CustomerBillingProfile"
            }
        }
        """

    /// ARM Microsoft.Billing 2020-05-01, "Customers - Get": the sample
    /// response of example "Customer" (examples/Customer.json), without `$expand`.
    public static let armCustomer = """
        {
          "id": "/providers/Microsoft.Billing/billingAccounts/{billingAccountName}/customers/{customerName}",
          "name": "{customerName}",
          "type": "Microsoft.Billing/billingAccounts/customers",
          "properties": {
            "billingProfileId": "/providers/Microsoft.Billing/billingAccounts/{billingAccountName}/billingProfiles/11000000-0000-0000-0000-000000000000",
            "billingProfileDisplayName": "Contoso Operations Billing",
            "displayName": "customer1"
          }
        }
        """

    /// ARM Microsoft.Billing 2020-05-01, "Customers - Get": the sample
    /// response of example "CustomerWithExpand" (examples/CustomerWithExpand.json), with
    /// `$expand=enabledAzurePlans,resellers`.
    public static let armCustomerWithExpand = """
        {
          "id": "/providers/Microsoft.Billing/billingAccounts/{billingAccountName}/customers/{customerName}",
          "name": "{customerName}",
          "type": "Microsoft.Billing/billingAccounts/customers",
          "properties": {
            "billingProfileId": "/providers/Microsoft.Billing/billingAccounts/{billingAccountName}/billingProfiles/11000000-0000-0000-0000-000000000000",
            "billingProfileDisplayName": "Contoso Operations Billing",
            "displayName": "customerName1",
            "enabledAzurePlans": [
              {
                "skuId": "0002",
                "skuDescription": "Microsoft Azure Plan for DevTest"
              }
            ],
            "resellers": [
              {
                "resellerId": "89e87bdf-a2a2-4687-925f-4c18b27bccfd",
                "description": "Reseller1"
              },
              {
                "resellerId": "3b65b5a8-bd4f-4084-90e9-e1bd667a2b19",
                "description": "Reseller2"
              }
            ]
          }
        }
        """
}
