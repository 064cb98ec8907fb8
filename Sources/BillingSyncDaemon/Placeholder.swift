// BillingSyncDaemon: under construction.
