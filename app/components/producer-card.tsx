import type { ProducerCardData } from "~/modules/catalog/shop/browse.server";
import { useI18n } from "~/lib/i18n/react";
import { imageSizes, imageWidest, ResponsiveImage } from "./responsive-image";
import { ShopLink } from "./shop-link";

export function ProducerCard(props: { producer: ProducerCardData }) {
  const { producer } = props;
  const { t } = useI18n();
  return (
    <article className="relative flex items-center gap-4 rounded-2xl bg-white p-4 ring-1 ring-sand-200 hover:shadow-md">
      {producer.photo ? (
        <ResponsiveImage image={producer.photo} sizes={imageSizes.producerCard} widest={imageWidest.producerCard} alt="" className="h-18 w-18 shrink-0 rounded-full object-cover" />
      ) : (
        <div className="h-18 w-18 shrink-0 rounded-full bg-sea-100" />
      )}
      <div className="min-w-0">
        <h3 className="font-semibold">
          <ShopLink to={`/producers/${producer.slug}`} className="after:absolute after:inset-0">
            {producer.name}
          </ShopLink>
        </h3>
        <p className="text-sm text-muted">{[producer.village, producer.district].filter(Boolean).join(", ")}</p>
        <p className="mt-1 line-clamp-2 text-sm">{producer.specialty}</p>
        <p className="mt-1 text-xs font-medium text-sea-700">{t("producer.productCount", { count: producer.productCount })}</p>
      </div>
    </article>
  );
}
