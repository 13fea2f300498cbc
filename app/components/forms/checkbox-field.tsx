import type { InputHTMLAttributes } from "react";

/** A checkbox with its label and hint beside it, big enough to tap. */
export function CheckboxField(props: { name: string; label: string; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "name">) {
  const { label, hint, ...input } = props;
  const hintId = hint ? `${props.name}-hint` : undefined;
  return (
    <label className="flex min-h-11 items-start gap-3 text-sm">
      <input type="checkbox" {...input} className="mt-0.5 h-5 w-5 shrink-0 accent-sea-700" aria-describedby={hintId} />
      <span>
        <span className="font-semibold">{label}</span>
        {hint ? (
          <span id={hintId} className="block text-xs text-muted">
            {hint}
          </span>
        ) : null}
      </span>
    </label>
  );
}
