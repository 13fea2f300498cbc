import { formatDateTime } from "~/lib/dates";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";

/** An order's events, oldest first; `detail` adds a line under an entry (staff see the facts, shoppers do not). */
export function OrderTimeline(props: { entries: { at: string; kind: string }[]; zone: IndonesianTimeZone; detail?: (index: number) => string | null }) {
  const { t, locale } = useI18n();
  return (
    <section className="rounded-2xl bg-white p-4 text-sm ring-1 ring-sand-200" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="text-lg font-semibold">{t("order.timeline")}</h2>
      <ol className="mt-2 space-y-2 border-l-2 border-sand-200 pl-4" data-testid="timeline">
        {props.entries.map((entry, index) => {
          const detail = props.detail?.(index);
          return (
            <li key={index}>
              <span className="block text-xs text-muted">{formatDateTime(locale, entry.at, props.zone)}</span>
              <span className="font-semibold">{t(`order.event.${entry.kind}` as MessageKey)}</span>
              {detail ? <span className="block text-xs text-muted">{detail}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
