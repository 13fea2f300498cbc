/**
 * Checks on raw request text (path, query, url-encoded bodies, multipart text parts, cookies) that no route
 * should have to think about. Postgres refuses NUL in text, and `decodeURIComponent` throws on a malformed
 * escape; either would turn a hand-made request into a 500. The HTTP edge answers such requests with a 400
 * before a route runs; multipart text parts are checked where uploads are read.
 */

export type InputProblem = "malformed" | "nul";

const NUL = "\u0000";

/** A percent-encoded component decoded strictly: null when an escape is malformed or its bytes are not UTF-8. */
export function decodeComponent(component: string, plusIsSpace = false): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? component.replace(/\+/g, " ") : component);
  } catch {
    return null;
  }
}

function problemOf(decoded: string | null): InputProblem | null {
  if (decoded === null) return "malformed";
  return decoded.includes(NUL) ? "nul" : null;
}

/** A URL path whose segments all decode to text without NUL, else the problem. */
export function pathProblem(pathname: string): InputProblem | null {
  for (const segment of pathname.split("/")) {
    const problem = problemOf(decodeComponent(segment));
    if (problem) return problem;
  }
  return null;
}

/** A query string (with or without its `?`) whose names and values all decode to text without NUL, else the problem. */
export function queryProblem(search: string): InputProblem | null {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (!query) return null;
  for (const pair of query.split("&")) {
    for (const part of pair.split("=")) {
      const problem = problemOf(decodeComponent(part, true));
      if (problem) return problem;
    }
  }
  return null;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export type UrlEncodedRead = { ok: true; fields: [string, string][] } | { ok: false; problem: InputProblem | "tooMany" };

/**
 * An `application/x-www-form-urlencoded` body read strictly: raw bytes must be UTF-8, every escape well
 * formed and its bytes UTF-8, no NUL anywhere, at most `maxFields` fields. (`URLSearchParams` would quietly
 * turn a bad escape into U+FFFD and keep a NUL.)
 */
export function readUrlEncoded(bytes: Uint8Array, maxFields: number): UrlEncodedRead {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, problem: "malformed" };
  }
  const fields: [string, string][] = [];
  if (!text) return { ok: true, fields };
  for (const pair of text.split("&")) {
    if (!pair) continue;
    if (fields.length >= maxFields) return { ok: false, problem: "tooMany" };
    const equals = pair.indexOf("=");
    const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals), true);
    const value = decodeComponent(equals === -1 ? "" : pair.slice(equals + 1), true);
    const problem = problemOf(name) ?? problemOf(value);
    if (problem) return { ok: false, problem };
    fields.push([name!, value!]);
  }
  return { ok: true, fields };
}

const cookieName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A Cookie header without the cookies that cannot be read: a value with a malformed escape, non-UTF-8 bytes,
 * a NUL or another control character, or a pair with no valid name. Those are treated as absent, as if the
 * browser had never sent them; every other cookie is kept as sent.
 */
export function cleanCookieHeader(header: string): string {
  const kept: string[] = [];
  for (const raw of header.split(";")) {
    const pair = raw.trim();
    if (!pair) continue;
    const equals = pair.indexOf("=");
    if (equals <= 0) continue;
    const name = pair.slice(0, equals).trim();
    let value = pair.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!cookieName.test(name)) continue;
    const decoded = decodeComponent(value);
    if (decoded === null || /[\u0000-\u001f\u007f]/.test(decoded)) continue;
    kept.push(pair);
  }
  return kept.join("; ");
}
