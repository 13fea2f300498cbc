import { formatRupiah } from "~/lib/money";
import type { Translate } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";

export function Price(props: { min: number; max?: number; className?: string }) {
  const { t } = useI18n();
  return <span className={props.className}>{priceText(props.min, props.max, t)}</span>;
}

/** A price as shoppers read it: "from" the lowest when the variants' prices differ. */
export function priceText(min: number, max: number | undefined, t: Translate): string {
  return max !== undefined && max !== min ? t("price.from", { price: formatRupiah(min) }) : formatRupiah(min);
}
