// The client implements the API module (as NIOPosix implements NIOCore): whoever imports the
// client sees its error, backoff, priority and port types without a second import.
@_exported import PartnerCenterAPI
