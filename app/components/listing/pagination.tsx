import { useI18n } from "~/lib/i18n/react";
import { ShopLink } from "../shop-link";

/** Page links that keep every filter in the URL; a window of pages around the current one. */
export function Pagination(props: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  const { t } = useI18n();
  const { page, pageCount } = props;
  if (pageCount <= 1) return null;
  const pages = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...pages].sort((a, b) => a - b);
  const linkClass = "inline-flex min-h-11 min-w-11 items-center justify-center rounded-xl px-3 font-semibold";
  return (
    <nav aria-label={t("pagination.label")} className="mt-8 flex flex-wrap items-center justify-center gap-1">
      {page > 1 ? (
        <ShopLink to={props.hrefFor(page - 1)} rel="prev" className={`${linkClass} ring-1 ring-sand-300 hover:bg-white`}>
          ← {t("pagination.previous")}
        </ShopLink>
      ) : null}
      {sorted.map((p, index) => (
        <span key={p} className="flex items-center gap-1">
          {index > 0 && p - (sorted[index - 1] ?? p) > 1 ? <span aria-hidden="true" className="px-1 text-muted">…</span> : null}
          {p === page ? (
            <span aria-current="page" className={`${linkClass} bg-sea-700 text-white`}>
              <span className="sr-only">{t("pagination.page")} </span>
              {p}
            </span>
          ) : (
            <ShopLink to={props.hrefFor(p)} className={`${linkClass} hover:bg-white`}>
              <span className="sr-only">{t("pagination.page")} </span>
              {p}
            </ShopLink>
          )}
        </span>
      ))}
      {page < pageCount ? (
        <ShopLink to={props.hrefFor(page + 1)} rel="next" className={`${linkClass} ring-1 ring-sand-300 hover:bg-white`}>
          {t("pagination.next")} →
        </ShopLink>
      ) : null}
    </nav>
  );
}
