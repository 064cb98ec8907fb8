// The server serves the emulator's state model and routes (`EmulatorCore`, no HTTP server):
// whoever imports the emulator sees `EmulatorState`, `EmulatorConfiguration`, ... without a second import.
@_exported import EmulatorCore
