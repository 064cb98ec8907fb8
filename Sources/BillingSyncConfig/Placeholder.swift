// BillingSyncConfig: under construction.
