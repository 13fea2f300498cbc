/**
 * The shop's mark (public/favicon.svg), drawn in the page: an `<img>` of an SVG makes the browser build a separate
 * SVG document on the main thread as the page loads (about 20 ms on a phone, decision 45); these few shapes cost none.
 */
export function Logo(props: { className?: string }) {
  return (
    <svg viewBox="0 0 64 64" width={32} height={32} className={props.className} aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#c2562d" />
      <path d="M14 24h36l-3 26H17z" fill="#fbf8f3" />
      <path d="M23 24a9 9 0 0 1 18 0" fill="none" stroke="#fbf8f3" strokeWidth="4" />
      <path d="M18 38c5-4 9 4 14 0s9 4 14 0" fill="none" stroke="#0f4b50" strokeWidth="3.5" strokeLinecap="round" />
    </svg>
  );
}
