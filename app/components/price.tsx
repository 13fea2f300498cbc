import { formatRupiah } from "~/lib/money";
import { useI18n } from "~/lib/i18n/react";

export function Price(props: { min: number; max?: number; className?: string }) {
  const { t } = useI18n();
  const ranged = props.max !== undefined && props.max !== props.min;
  return (
    <span className={props.className}>
      {ranged ? t("price.from", { price: formatRupiah(props.min) }) : formatRupiah(props.min)}
    </span>
  );
}
