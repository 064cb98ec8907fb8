@_exported import BillingSyncFixtures
