import type { MouseEventHandler } from "react";
import { srcSetOf, type ImageSources, type ImageWidth } from "~/modules/media/images";

/**
 * `sizes` for each layout, worked out from the CSS that places the image (container-page: at most 72rem
 * wide, 1rem padding, 1.5rem from 40rem), so a phone downloads the width it shows and no more.
 */
export const imageSizes = {
  /** Product page gallery: one column on phones, half of the page beside the details from 48rem. */
  productGallery: "(min-width: 72rem) 33.25rem, (min-width: 48rem) calc(50vw - 2.75rem), (min-width: 40rem) calc(100vw - 3rem), calc(100vw - 2rem)",
  /** ProductGrid across the page: 2 columns, 3 from 40rem, 4 from 64rem. */
  productCard: "(min-width: 72rem) 16.5rem, (min-width: 64rem) calc(25vw - 1.5rem), (min-width: 40rem) calc(33.33vw - 1.67rem), calc(50vw - 1.375rem)",
  /** ProductGrid in a listing, beside its 16rem filter column from 64rem. */
  productCardBesideFilters: "(min-width: 72rem) 12.125rem, (min-width: 64rem) calc(25vw - 5.875rem), (min-width: 40rem) calc(33.33vw - 1.67rem), calc(50vw - 1.375rem)",
  /** ProducerCard's round photo (h-18). */
  producerCard: "4.5rem",
  /** The home page's full-bleed hero. */
  hero: "100vw",
  /** A category tile on the home page: 2 columns, 4 from 40rem (as productCard's grid without its third step). */
  categoryTile: "(min-width: 72rem) 16.5rem, (min-width: 40rem) calc(25vw - 1.5rem), calc(50vw - 1.375rem)",
} as const;

/**
 * The widest file each layout can use: its largest `sizes` width at 3 device pixels a CSS pixel (a card is at
 * most about 300 CSS pixels wide, on a 639-pixel screen; 3x phones are narrower), for `widest`. The hero and the
 * gallery use every width.
 */
export const imageWidest = {
  productCard: 640,
  productCardBesideFilters: 640,
  categoryTile: 640,
  producerCard: 320,
  /** A thumbnail up to 6rem (96 CSS pixels). */
  thumbnail: 320,
  /** A round portrait up to 10rem. */
  portrait: 480,
} as const satisfies Record<string, ImageWidth>;

/**
 * An image with width-based `srcset`, intrinsic size (no layout shift) and a colour while it loads. Each candidate's
 * URL names a width, not a format: the browser gets AVIF when it takes it (decision 45), with no `<picture>`.
 * `priority`: the page's largest image above the fold (fetched first, never lazily).
 */
export function ResponsiveImage(props: {
  image: ImageSources;
  sizes: string;
  /**
   * The widest file the layout can use: the largest width `sizes` gives, at 3 device pixels per CSS pixel. Wider
   * files are left out of the `srcset`s, so a page of small pictures does not list candidates no screen picks.
   */
  widest?: ImageWidth;
  className?: string;
  priority?: boolean;
  alt?: string;
  onClick?: MouseEventHandler<HTMLImageElement>;
}) {
  const { priority } = props;
  const image = upTo(props.image, props.widest);
  return (
    <img
      src={image.src}
      srcSet={srcSetOf(image)}
      sizes={props.sizes}
      width={image.width}
      height={image.height}
      alt={props.alt ?? image.alt}
      loading={priority ? "eager" : "lazy"}
      decoding={priority ? "sync" : "async"}
      fetchPriority={priority ? "high" : undefined}
      className={props.className}
      style={{ backgroundColor: image.placeholder }}
      onClick={props.onClick}
    />
  );
}

/** The image with no width wider than `widest` (its smallest always kept); as it is without a limit. */
export function upTo(image: ImageSources, widest: ImageWidth | undefined): ImageSources {
  return widest ? { ...image, widths: image.widths.filter((width, index) => width <= widest || index === 0) } : image;
}

/**
 * The `<link rel="preload">` of a page's largest image above the fold, as a meta descriptor: the browser
 * starts it with the HTML's first bytes, at high priority, before the stylesheet and scripts. It offers
 * the same candidates and `sizes` as the image (an image's request and a preload's ask for the same formats), so
 * the browser fetches the one file both pick.
 */
export function imagePreload(largest: ImageSources | null | undefined, sizes: string, widest?: ImageWidth) {
  if (!largest) return [];
  return [{ tagName: "link", rel: "preload", as: "image", imageSrcSet: srcSetOf(upTo(largest, widest)), imageSizes: sizes, fetchPriority: "high" }];
}

/** A product's cover as a small square in lists (member products, review queue); a dashed square without one. */
export function CoverThumbnail(props: { image: ImageSources | null }) {
  return props.image ? (
    <ResponsiveImage image={props.image} sizes="4rem" widest={imageWidest.thumbnail} alt="" className="h-16 w-16 shrink-0 rounded-lg object-cover" />
  ) : (
    <div className="h-16 w-16 shrink-0 rounded-lg border-2 border-dashed border-sand-300" aria-hidden="true" />
  );
}
