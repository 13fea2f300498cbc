/** Text matched literally inside a SQL `LIKE` pattern: `%`, `_` and the escape character lose their meaning. */
export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, "\\$&");
}
