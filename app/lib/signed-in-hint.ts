/**
 * A cookie the page's script may read, unlike the session: says only "someone is signed in here" (a random value per
 * sign-in), so the header asks who (`/api/viewer`) while catalog pages stay the same cached HTML for everyone.
 * Forging it gains nothing: the answer comes from the session.
 */
export const SIGNED_IN_HINT = "etalase_signed_in";

/** This sign-in's hint value in a Cookie header or `document.cookie`, if any. */
export function signedInHint(cookies: string): string | undefined {
  return new RegExp(`(?:^|;\\s*)${SIGNED_IN_HINT}=([\\w-]{1,32})`).exec(cookies)?.[1];
}
