import { useEffect, useState } from "react";
import { useI18n } from "~/lib/i18n/react";

/**
 * A text to pass on, copied in one tap (Clipboard API) with a visible, announced "copied" state. Without
 * JavaScript, or where the clipboard is refused, the text stays selectable below the button.
 */
export function CopyText(props: { text: string; label: string; id: string }) {
  const { t } = useI18n();
  const [canCopy, setCanCopy] = useState(false);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard?.writeText)), []);
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 4000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () =>
    navigator.clipboard.writeText(props.text).then(
      () => setState("copied"),
      () => setState("failed"),
    );
  return (
    <div className="space-y-2">
      {canCopy ? (
        <button
          type="button"
          onClick={copy}
          className={`inline-flex min-h-11 items-center rounded-full px-4 text-sm font-semibold ring-1 ${state === "copied" ? "bg-sea-700 text-white ring-sea-700" : "bg-white text-sea-700 ring-sea-600"}`}
        >
          {state === "copied" ? `✓ ${t("copy.copied")}` : props.label}
        </button>
      ) : null}
      <p role="status" className="sr-only">{state === "copied" ? t("copy.copied") : state === "failed" ? t("copy.failed") : ""}</p>
      {state === "failed" ? <p className="text-sm text-clay-700">{t("copy.failed")}</p> : null}
      <label htmlFor={props.id} className={canCopy ? "sr-only" : "block text-xs text-muted"}>{t("copy.fallback")}</label>
      <textarea id={props.id} readOnly value={props.text} rows={3} className="field text-sm" onFocus={(event) => event.currentTarget.select()} />
    </div>
  );
}
