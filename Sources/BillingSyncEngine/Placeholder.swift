// BillingSyncEngine: under construction.
