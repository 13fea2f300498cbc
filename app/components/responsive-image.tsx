import type { ImageSources } from "~/modules/media/images";

/** An image with width-based `srcset`, intrinsic size (no layout shift) and a colour while it loads. */
export function ResponsiveImage(props: {
  image: ImageSources;
  sizes: string;
  className?: string;
  priority?: boolean;
  alt?: string;
}) {
  const { image, priority } = props;
  return (
    <img
      src={image.src}
      srcSet={image.srcSet}
      sizes={props.sizes}
      width={image.width}
      height={image.height}
      alt={props.alt ?? image.alt}
      loading={priority ? "eager" : "lazy"}
      decoding={priority ? "sync" : "async"}
      fetchPriority={priority ? "high" : undefined}
      className={props.className}
      style={{ backgroundColor: image.placeholder }}
    />
  );
}

/** A product's cover as a small square in lists (member products, review queue); a dashed square without one. */
export function CoverThumbnail(props: { image: ImageSources | null }) {
  return props.image ? (
    <ResponsiveImage image={props.image} sizes="4rem" alt="" className="h-16 w-16 shrink-0 rounded-lg object-cover" />
  ) : (
    <div className="h-16 w-16 shrink-0 rounded-lg border-2 border-dashed border-sand-300" aria-hidden="true" />
  );
}
