import { FORM_TOKEN_FIELD } from "~/lib/form-token";

/** The one-time token of a form that creates something, from the page's loader (`newFormToken()`). */
export function FormToken(props: { token: string }) {
  return <input type="hidden" name={FORM_TOKEN_FIELD} value={props.token} />;
}
