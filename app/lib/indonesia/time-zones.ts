/**
 * Indonesia's three time zones (DOMAIN.md): WIB for Sumatra, Java, West and Central Kalimantan; WITA for Bali, Nusa
 * Tenggara, South, East and North Kalimantan and Sulawesi; WIT for Maluku and Papua. Times are stored in UTC and
 * shown in the cooperative's zone with its label ("14.30 WIB").
 */
export type IndonesianTimeZone = { iana: "Asia/Jakarta"; label: "WIB" } | { iana: "Asia/Makassar"; label: "WITA" } | { iana: "Asia/Jayapura"; label: "WIT" };

export const WIB: IndonesianTimeZone = { iana: "Asia/Jakarta", label: "WIB" };
export const WITA: IndonesianTimeZone = { iana: "Asia/Makassar", label: "WITA" };
export const WIT: IndonesianTimeZone = { iana: "Asia/Jayapura", label: "WIT" };

const witaProvinces = [
  "bali",
  "nusa tenggara barat",
  "nusa tenggara timur",
  "kalimantan selatan",
  "kalimantan timur",
  "kalimantan utara",
  "sulawesi utara",
  "sulawesi tengah",
  "sulawesi selatan",
  "sulawesi tenggara",
  "sulawesi barat",
  "gorontalo",
];
const witProvinces = ["maluku", "maluku utara", "papua", "papua barat", "papua barat daya", "papua selatan", "papua tengah", "papua pegunungan"];

/** The zone of a province by its name as the official data writes it (any case); WIB, where most people live, when unknown. */
export function timeZoneOfProvince(province: string): IndonesianTimeZone {
  const name = province.trim().toLowerCase().replace(/\s+/g, " ");
  if (witProvinces.includes(name)) return WIT;
  if (witaProvinces.includes(name)) return WITA;
  return WIB;
}
