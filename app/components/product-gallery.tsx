import type { ImageRole } from "~/modules/catalog/shop/product.server";
import type { ImageSources } from "~/modules/media/images";
import { useI18n } from "~/lib/i18n/react";
import { imageSizes, ResponsiveImage } from "./responsive-image";

/** Swipeable on phones (CSS scroll snap, no script), thumbnails that jump to each photo. */
export function ProductGallery(props: { images: (ImageSources & { role: ImageRole })[] }) {
  const { t } = useI18n();
  if (props.images.length === 0) return <div className="aspect-square rounded-2xl bg-sand-100" />;
  return (
    <div>
      {/* Focusable so keyboard users can scroll the photos with the arrow keys. */}
      <div
        role="region"
        aria-label={t("product.photos")}
        tabIndex={0}
        className="overflow-x-auto rounded-2xl bg-sand-100 [scrollbar-width:none] snap-x snap-mandatory"
      >
      <ul className="flex">
        {props.images.map((image, index) => (
          <li key={image.src} id={`photo-${index + 1}`} className="w-full shrink-0 snap-center">
            <ResponsiveImage
              image={image}
              sizes={imageSizes.productGallery}
              priority={index === 0}
              alt={index === 0 ? image.alt : `${image.alt} · ${t(`imageRole.${image.role}`)}`}
              className="aspect-square w-full object-cover"
            />
          </li>
        ))}
      </ul>
      </div>
      {props.images.length > 1 ? (
        <ul className="mt-3 flex gap-2 overflow-x-auto" aria-label={t("product.thumbnails")}>
          {props.images.map((image, index) => (
            <li key={image.src}>
              <a href={`#photo-${index + 1}`} className="block h-16 w-16 overflow-hidden rounded-lg ring-1 ring-sand-300 hover:ring-sea-600">
                <ResponsiveImage image={image} sizes="4rem" alt={t("product.photoN", { n: index + 1, role: t(`imageRole.${image.role}`) })} className="h-full w-full object-cover" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
