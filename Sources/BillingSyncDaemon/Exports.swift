// The daemon's files beside the database (`RefreshTokenFile`) live in `BillingSyncFiles`, which the
// simulation links without the daemon; whoever imports the daemon sees them without a second import.
@_exported import BillingSyncFiles
