import { useRouteLoaderData } from "@remix-run/react";
import { WIB, type IndonesianTimeZone } from "./indonesia/time-zones";

/**
 * The cooperative's time zone, from the root loader (`timeZone`), for formatting dates in a component. The same
 * on the server and in the browser, whatever zone either runs in. WIB only when the root has no data (its loader
 * failed and an error page shows).
 */
export function useTimeZone(): IndonesianTimeZone {
  const root = useRouteLoaderData("root") as { timeZone?: IndonesianTimeZone } | undefined;
  return root?.timeZone ?? WIB;
}
