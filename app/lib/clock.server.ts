import fs from "node:fs";

/**
 * The time money rules are computed for (decision 34): the real time, except on a test server that names a clock
 * file in `TEST_CLOCK_FILE`, whose content is a whole number of milliseconds added to the real time. An end-to-end
 * run writes it to let the payout hold pass. Ignored with `DATABASE_URL` (every real deployment), so a stray
 * variable can never move a shop's clock; and only what decides availability reads it: postings keep real times.
 */
export function now(): Date {
  const file = process.env.TEST_CLOCK_FILE;
  if (!file || process.env.DATABASE_URL) return new Date();
  let offset = 0;
  try {
    offset = Number(fs.readFileSync(file, "utf8").trim());
  } catch {
    offset = 0;
  }
  return new Date(Date.now() + (Number.isSafeInteger(offset) ? offset : 0));
}
