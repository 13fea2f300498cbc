/**
 * NIB (Nomor Induk Berusaha): the 13-digit business number issued through OSS. Spaces are allowed as typed
 * (people copy it in groups) and stripped; there is no public check digit, so only the shape is checked.
 */
export function normalizeNib(input: string): string | null {
  if (typeof input !== "string") return null;
  const compact = input.replace(/\s+/g, "");
  return /^[0-9]{13}$/.test(compact) ? compact : null;
}
