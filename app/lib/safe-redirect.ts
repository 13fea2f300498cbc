const base = "http://shop.invalid";

/**
 * A same-origin path to go on to after a form, or `fallback`. The value is resolved the way a browser would
 * resolve it (WHATWG URL), so `/%09/evil.example`, `/\evil.example` and `//evil.example` are recognised as
 * leaving the shop; control characters, which browsers strip before resolving, are refused outright (and
 * would break the Location header).
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? fallback : path;
}

/** Whether a `redirectTo` someone sent is absent or safe; a crafted one is refused (400) rather than followed. */
export function isAcceptableRedirect(value: FormDataEntryValue | string | null | undefined): boolean {
  if (value === null || value === undefined || value === "") return true;
  return typeof value === "string" && safeRedirectPath(value, "") === value;
}
