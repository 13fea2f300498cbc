import { useNavigation } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useI18n } from "~/lib/i18n/react";
import type { MessageKey } from "~/lib/i18n/core";

interface FieldProps {
  name: string;
  /** The control's id when the name is not unique on the page (a form repeated per row); the name otherwise. */
  id?: string;
  label: string;
  hint?: string;
  /** A message key from the server's validation, shown under the field and announced to screen readers. */
  error?: string;
  children?: ReactNode;
}

/** The ids and texts around a control, and the attributes that tie the control to its label, hint and error. */
function useFieldText(props: FieldProps) {
  const { t } = useI18n();
  const id = props.id ?? props.name;
  const errorId = props.error ? `${id}-error` : undefined;
  const hintId = props.hint ? `${id}-hint` : undefined;
  return {
    errorId,
    hintId,
    errorText: props.error ? t(props.error as MessageKey) : undefined,
    controlProps: {
      id,
      name: props.name,
      "aria-invalid": props.error ? true : undefined,
      "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      className: `field ${props.error ? "border-clay-600" : ""}`,
    },
  };
}

function FieldFrame(props: FieldProps & { control: ReactNode; errorId?: string; hintId?: string; errorText?: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.id ?? props.name} className="block text-sm font-semibold">
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
  const { name: _name, label: _label, hint: _hint, error: _error, ...input } = props;
  const { controlProps, ...text } = useFieldText(props);
  return <FieldFrame {...props} {...text} control={<input {...controlProps} {...input} />} />;
}

export function TextAreaField(props: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { name: _name, label: _label, hint: _hint, error: _error, ...textarea } = props;
  const { controlProps, ...text } = useFieldText(props);
  return <FieldFrame {...props} {...text} control={<textarea {...controlProps} rows={4} {...textarea} />} />;
}

export function SelectField(props: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string }) {
  const { name: _name, label: _label, hint: _hint, error: _error, options, placeholder, ...select } = props;
  const { controlProps, ...text } = useFieldText(props);
  return (
    <FieldFrame
      {...props}
      {...text}
      control={
        <select {...controlProps} {...select}>
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
  // Busy until the page has its data again after a post, not only while the post is sent: Remix shows the post's
  // answer before the page's data (and its forms' fresh one-time tokens) is back, and a second post sent in that
  // moment would carry the first one's token (decision 56).
  const posting = navigation.state === "submitting" || (navigation.state === "loading" && navigation.formMethod !== undefined && navigation.formMethod.toUpperCase() !== "GET");
  const busy = posting && (props.intent === undefined || navigation.formData?.get("intent") === props.intent);
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
