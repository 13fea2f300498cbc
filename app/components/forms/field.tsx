import { useNavigation } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useI18n } from "~/lib/i18n/react";
import type { MessageKey } from "~/lib/i18n/core";

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  /** A message key from the server's validation, shown under the field and announced to screen readers. */
  error?: string;
  children?: ReactNode;
}

function useFieldText(props: FieldProps) {
  const { t } = useI18n();
  const errorId = props.error ? `${props.name}-error` : undefined;
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  return {
    errorId,
    hintId,
    describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined,
    errorText: props.error ? t(props.error as MessageKey) : undefined,
  };
}

function FieldFrame(props: FieldProps & { control: ReactNode; errorId?: string; hintId?: string; errorText?: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.name} className="block text-sm font-semibold">
        {props.label}
      </label>
      {props.control}
      {props.hint ? (
        <p id={props.hintId} className="text-xs text-muted">
          {props.hint}
        </p>
      ) : null}
      {props.errorText ? (
        <p id={props.errorId} className="text-sm font-medium text-clay-700">
          {props.errorText}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(props: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const { name, label, hint, error, ...input } = props;
  const text = useFieldText(props);
  return (
    <FieldFrame
      {...props}
      {...text}
      control={
        <input
          id={name}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={text.describedBy}
          className={`field ${error ? "border-clay-600" : ""}`}
          {...input}
        />
      }
      label={label}
      hint={hint}
    />
  );
}

export function TextAreaField(props: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { name, label, hint, error, ...textarea } = props;
  const text = useFieldText(props);
  return (
    <FieldFrame
      {...props}
      {...text}
      label={label}
      hint={hint}
      control={
        <textarea
          id={name}
          name={name}
          rows={4}
          aria-invalid={error ? true : undefined}
          aria-describedby={text.describedBy}
          className={`field ${error ? "border-clay-600" : ""}`}
          {...textarea}
        />
      }
    />
  );
}

export function SelectField(props: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string }) {
  const { name, label, hint, error, options, placeholder, ...select } = props;
  const text = useFieldText(props);
  return (
    <FieldFrame
      {...props}
      {...text}
      label={label}
      hint={hint}
      control={
        <select
          id={name}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={text.describedBy}
          className={`field ${error ? "border-clay-600" : ""}`}
          {...select}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      }
    />
  );
}

/** A submit button that says it is working while its form is being sent. */
export function SubmitButton(props: { children: ReactNode; intent?: string; tone?: "primary" | "danger" | "quiet"; className?: string }) {
  const navigation = useNavigation();
  const { t } = useI18n();
  const busy = navigation.state === "submitting" && (props.intent === undefined || navigation.formData?.get("intent") === props.intent);
  const tone =
    props.tone === "danger"
      ? "bg-clay-600 text-white hover:bg-clay-700"
      : props.tone === "quiet"
        ? "bg-white text-ink ring-1 ring-sand-300 hover:bg-sand-100"
        : "bg-sea-700 text-white hover:bg-sea-800";
  return (
    <button type="submit" name={props.intent ? "intent" : undefined} value={props.intent} disabled={busy} aria-busy={busy} className={`btn ${tone} disabled:opacity-70 ${props.className ?? ""}`}>
      {busy ? t("form.working") : props.children}
    </button>
  );
}

export function Alert(props: { tone: "error" | "success" | "info"; children: ReactNode }) {
  const tone =
    props.tone === "error" ? "bg-clay-500/10 text-clay-700 ring-clay-500/30" : props.tone === "success" ? "bg-sea-50 text-sea-800 ring-sea-100" : "bg-sand-100 text-ink ring-sand-300";
  return (
    <div role={props.tone === "error" ? "alert" : "status"} className={`rounded-xl p-4 text-sm font-medium ring-1 ${tone}`}>
      {props.children}
    </div>
  );
}
