/**
 * Which photos a version gets, and in what order, from what the editor sends. Pure: the caller stores
 * uploads and turns tokens into assets.
 *
 * Each photo in the editor has a token. The three required photos are slots (`slot:product`,
 * `slot:packaging_front`, `slot:label_back`) whether they hold the saved photo or a new upload, so
 * replacing a photo keeps its place. Saved extra photos are `asset:<id>`, new extras `new:<n>` (their
 * index among the uploaded extras). The first photo is the cover.
 */
export const requiredPhotoRoles = ["product", "packaging_front", "label_back"] as const;
export type RequiredPhotoRole = (typeof requiredPhotoRoles)[number];
export type PhotoRole = RequiredPhotoRole | "other";

/** Extra photos on top of the three required ones (so at most nine in all). */
export const MAX_EXTRA_PHOTOS = 6;

export interface SavedPhoto {
  assetId: string;
  role: PhotoRole;
}

export type PlannedPhoto =
  | { token: string; source: "saved"; assetId: string; role: PhotoRole }
  | { token: string; source: "upload"; role: RequiredPhotoRole }
  | { token: string; source: "upload"; role: "other"; index: number };

export interface PhotoPlanInput {
  /** The photos of the version being edited, in their current order. */
  saved: readonly SavedPhoto[];
  /** Required roles with a new upload. */
  replacedRoles: ReadonlySet<RequiredPhotoRole>;
  /** How many new extra photos came with the form. */
  newExtras: number;
  /** Saved extra photos to drop (only extras can be removed; required ones are replaced). */
  removed: ReadonlySet<string>;
  /** Tokens in the order the member arranged them; unknown tokens are ignored, missing ones follow. */
  order: readonly string[];
}

export type PhotoPlan = { ok: true; photos: PlannedPhoto[] } | { ok: false; error: "product.error.tooManyPhotos" };

export function slotToken(role: RequiredPhotoRole): string {
  return `slot:${role}`;
}

export function photoToken(photo: SavedPhoto): string {
  return photo.role === "other" ? `asset:${photo.assetId}` : slotToken(photo.role);
}

/** The editor's file input for a role: one per required photo, one (taking several files) for extras. */
export function photoFieldName(role: PhotoRole): string {
  return `photo_${role}`;
}

export function planPhotos(input: PhotoPlanInput): PhotoPlan {
  const defaultOrder: PlannedPhoto[] = [];
  const placedRoles = new Set<PhotoRole>();
  for (const photo of input.saved) {
    if (photo.role === "other") {
      if (!input.removed.has(photo.assetId)) defaultOrder.push({ token: photoToken(photo), source: "saved", ...photo });
      continue;
    }
    if (placedRoles.has(photo.role)) continue;
    placedRoles.add(photo.role);
    defaultOrder.push(
      input.replacedRoles.has(photo.role)
        ? { token: photoToken(photo), source: "upload", role: photo.role }
        : { token: photoToken(photo), source: "saved", ...photo },
    );
  }
  for (const role of requiredPhotoRoles) {
    if (!placedRoles.has(role) && input.replacedRoles.has(role)) defaultOrder.push({ token: slotToken(role), source: "upload", role });
  }
  for (let index = 0; index < input.newExtras; index++) defaultOrder.push({ token: `new:${index}`, source: "upload", role: "other", index });

  const extras = defaultOrder.filter((photo) => photo.role === "other").length;
  if (extras > MAX_EXTRA_PHOTOS) return { ok: false, error: "product.error.tooManyPhotos" };

  const rank = new Map<string, number>();
  for (const token of input.order) if (!rank.has(token)) rank.set(token, rank.size);
  const positionOf = (photo: PlannedPhoto, fallback: number) => rank.get(photo.token) ?? rank.size + fallback;
  const photos = defaultOrder
    .map((photo, index) => ({ photo, position: positionOf(photo, index) }))
    .sort((a, b) => a.position - b.position)
    .map(({ photo }) => photo);
  return { ok: true, photos };
}

/** Reads the editor's `photoOrder` field: tokens separated by commas, at most a screenful of them. */
export function readPhotoOrder(value: FormDataEntryValue | null): string[] {
  if (typeof value !== "string") return [];
  return value
    .split(",")
    .map((token) => token.trim())
    .filter((token) => /^(slot:(product|packaging_front|label_back)|asset:[0-9a-f-]{36}|new:\d{1,2})$/i.test(token))
    .slice(0, 20);
}

/** The editor's starting order: the saved photos as they are, then the required slots still empty. */
export function initialPhotoOrder(saved: readonly SavedPhoto[]): string[] {
  const order = [...new Set(saved.map(photoToken))];
  for (const role of requiredPhotoRoles) if (!order.includes(slotToken(role))) order.push(slotToken(role));
  return order;
}

/** Moves a photo one place earlier (-1) or later (+1) among the photos that are `shown`. */
export function movePhoto(order: readonly string[], token: string, delta: -1 | 1, shown: (token: string) => boolean): string[] {
  const visible = order.filter(shown);
  const from = visible.indexOf(token);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= visible.length) return [...order];
  const swapped = [...visible];
  [swapped[from], swapped[to]] = [swapped[to]!, swapped[from]!];
  return [...swapped, ...order.filter((item) => !shown(item))];
}

export function makeCover(order: readonly string[], token: string): string[] {
  return [token, ...order.filter((item) => item !== token)];
}

/** Forgets new extra photo `index`; the later ones shift down, as they do in the file list. */
export function dropNewExtra(order: readonly string[], index: number): string[] {
  return order.flatMap((token) => {
    const match = /^new:(\d+)$/.exec(token);
    if (!match) return [token];
    const n = Number(match[1]);
    if (n === index) return [];
    return [n > index ? `new:${n - 1}` : token];
  });
}
