/** The hidden field of a form that creates something: its one-time token (decision 15). */
export const FORM_TOKEN_FIELD = "formToken";
