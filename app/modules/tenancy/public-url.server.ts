import { env } from "~/lib/env.server";

/**
 * Public addresses come from configuration only: `PUBLIC_URL` names the platform (scheme, host and port),
 * and a cooperative's shop is its primary host under the same scheme and port. Nothing here reads a request.
 */
export function platformOrigin(): string {
  return new URL(env().PUBLIC_URL).origin;
}

export function originForHost(host: string): string {
  const platform = new URL(env().PUBLIC_URL);
  return `${platform.protocol}//${host}${platform.port ? `:${platform.port}` : ""}`;
}
