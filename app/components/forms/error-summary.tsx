import { useEffect, useRef } from "react";
import { useI18n } from "~/lib/i18n/react";
import type { MessageKey } from "~/lib/i18n/core";

/**
 * What a refused long form needs at its top: how many fields to fix, each a link to its field (`#name`, the id
 * every field component gives its control). Rendered by the server, so it shows and its links work without
 * JavaScript; with JavaScript it takes focus and scrolls into view each time a submit comes back refused, so a
 * failed submit never looks like nothing happened. `errors` are message keys by field name; the form-wide one
 * (`form`) is the page's to place (next to the button, say). `labels` put the field's name before its message.
 */
export function ErrorSummary(props: { errors: Record<string, string | undefined>; labels?: Record<string, string>; id?: string }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const fields = Object.entries(props.errors).filter((entry): entry is [string, string] => entry[0] !== "form" && Boolean(entry[1]));
  useEffect(() => {
    if (fields.length === 0 || !box.current) return;
    box.current.focus({ preventScroll: true });
    box.current.scrollIntoView({ block: "start", behavior: "auto" });
    // A new answer is a new errors object: focus again for each refused submit, not for each render.
  }, [props.errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (fields.length === 0) return null;
  const headingId = `${props.id ?? "error-summary"}-title`;
  return (
    <div
      ref={box}
      id={props.id ?? "error-summary"}
      tabIndex={-1}
      role="alert"
      aria-labelledby={headingId}
      className="scroll-mt-20 rounded-2xl bg-clay-500/10 p-4 text-clay-700 ring-2 ring-clay-600 focus:outline focus:outline-4 focus:outline-offset-2 focus:outline-clay-600"
    >
      <h2 id={headingId} className="font-semibold">{t("joining.summary.title", { count: fields.length })}</h2>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        {fields.map(([name, message]) => (
          <li key={name}>
            <a href={`#${name}`} className="inline-flex min-h-8 items-center font-medium underline underline-offset-2">
              {props.labels?.[name] ? `${props.labels[name]}: ` : ""}
              {t(message as MessageKey)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
