// PartnerCenterClient: under construction.
