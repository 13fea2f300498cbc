import { escape } from "html-escaper";

/** Markup that is already safe: written by `html`, whose every value was escaped or was itself `Html`. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** What may stand in a `${…}` of `html`: text (escaped), nested markup, a list of either, or nothing. */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

/**
 * A tagged template for markup written without React (decision 48): every value is escaped (`& < > " '`), except
 * markup that `html` wrote itself, so member-written text can never open a tag or leave a quoted attribute. Write
 * every attribute value in double quotes.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let markup = strings[0]!;
  for (let index = 0; index < values.length; index++) markup += markupOf(values[index]) + strings[index + 1]!;
  return new Html(markup);
}

function markupOf(value: HtmlValue): string {
  if (value instanceof Html) return value.markup;
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(markupOf).join("");
  return escape(String(value));
}
