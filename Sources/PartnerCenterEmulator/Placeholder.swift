// PartnerCenterEmulator: under construction.
