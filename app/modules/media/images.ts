/** The largest photo accepted, checked in the browser before upload and again on the server. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** What file pickers offer: the formats phones and cameras produce (the server decides by the bytes). */
export const acceptedImageTypes = "image/jpeg,image/png,image/webp,image/heic,image/heif";

/** Widths the image pipeline produces; anything else is refused, so variants cannot be used to fill a disk. */
export const imageWidths = [160, 320, 480, 640, 960, 1280] as const;
export type ImageWidth = (typeof imageWidths)[number];

export function isImageWidth(value: number): value is ImageWidth {
  return (imageWidths as readonly number[]).includes(value);
}

/**
 * Formats the local pipeline makes of each width: AVIF (a third smaller) for the browsers that take it, WebP for the
 * rest. A page names a width without a format and the media route picks one by the request's `Accept` (decision 45).
 */
export const imageFormats = ["avif", "webp"] as const;
export type ImageFormat = (typeof imageFormats)[number];

export function isImageFormat(value: string): value is ImageFormat {
  return (imageFormats as readonly string[]).includes(value);
}

/** The format a browser gets for a width's URL without one: AVIF when its `Accept` names `image/avif` (q above 0). */
export function negotiatedFormat(accept: string | null): ImageFormat {
  for (const range of (accept ?? "").split(",")) {
    const [type, ...parameters] = range.split(";").map((part) => part.trim().toLowerCase());
    if (type !== "image/avif") continue;
    const quality = parameters.find((parameter) => parameter.startsWith("q="));
    return quality && !(Number(quality.slice(2)) > 0) ? "webp" : "avif";
  }
  return "webp";
}

export interface StoredImage {
  id: string;
  cooperativeId: string;
  storage: "local" | "cloudinary";
  /** local: `<cooperativeId>/<assetId>`; cloudinary: `<cloud name>/<public id>`. */
  storageKey: string;
  width: number;
  height: number;
  placeholderColor: string;
}

/**
 * What an `<img>` needs: a default source, where the widths live (a page builds the `srcset`s from them,
 * see `srcSetOf`: sending every candidate URL in the page's data twice, as markup and as data, made a
 * listing's HTML a fifth larger), intrinsic size against layout shift, a colour while it loads.
 */
export interface ImageSources {
  src: string;
  storage: StoredImage["storage"];
  storageKey: string;
  /** The widths this photo has: none wider than the original. */
  widths: ImageWidth[];
  width: number;
  height: number;
  placeholder: string;
  alt: string;
}

/**
 * A width's URL. Local storage: in `format`, or without one, in the format the browser takes (the media route
 * negotiates); Cloudinary picks the format per browser itself.
 */
export function imageUrl(image: Pick<StoredImage, "storage" | "storageKey">, width: ImageWidth, format?: ImageFormat): string {
  if (image.storage === "cloudinary") {
    const [cloudName, ...publicId] = image.storageKey.split("/");
    return `https://res.cloudinary.com/${cloudName}/image/upload/f_auto,q_auto,c_limit,w_${width}/${publicId.join("/")}`;
  }
  return `/media/${image.storageKey}/w${width}${format ? `.${format}` : ""}`;
}

/**
 * The widths an image of each size has, always a prefix of `imageWidths`: one array for each, shared by every image
 * of a page, so the page's data carries the list once (turbo-stream writes a value it has seen as a reference).
 */
const widthLists = imageWidths.map((_, index) => imageWidths.slice(0, index + 1));

export function imageSources(image: StoredImage, alt: string, defaultWidth: ImageWidth = 640): ImageSources {
  const count = imageWidths.filter((width, index) => width <= image.width || index === 0).length;
  const widths = widthLists[count - 1]!;
  return {
    // A fixed format: what link previews and structured data name, and what a browser without `srcset` loads.
    src: imageUrl(image, Math.min(defaultWidth, widths[widths.length - 1] ?? defaultWidth) as ImageWidth, "webp"),
    storage: image.storage,
    storageKey: image.storageKey,
    widths,
    width: image.width,
    height: image.height,
    placeholder: image.placeholderColor,
    alt,
  };
}

/** A `srcset` of every width the image has, each URL in the format the browser takes. */
export function srcSetOf(image: Pick<ImageSources, "storage" | "storageKey" | "widths">): string {
  return image.widths.map((width) => `${imageUrl(image, width)} ${width}w`).join(", ");
}

/** The columns a query selects from `media_assets` (as `asset_id, storage, storage_key, width, height, placeholder_color`). */
export type ImageRow = {
  asset_id: string | null;
  storage: StoredImage["storage"] | null;
  storage_key: string | null;
  width: number | null;
  height: number | null;
  placeholder_color: string | null;
};

/** Image sources from a joined row, or null when the row has no image (a left join found none). */
export function imageFromRow(row: ImageRow, cooperativeId: string, alt: string, defaultWidth: ImageWidth): ImageSources | null {
  if (!row.asset_id || !row.storage || !row.storage_key) return null;
  return imageSources(
    {
      id: row.asset_id,
      cooperativeId,
      storage: row.storage,
      storageKey: row.storage_key,
      width: row.width ?? 1,
      height: row.height ?? 1,
      placeholderColor: row.placeholder_color ?? "#e7e0d6",
    },
    alt,
    defaultWidth,
  );
}
