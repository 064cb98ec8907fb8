// BillingSyncStore: under construction.
