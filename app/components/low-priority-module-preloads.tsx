import { UNSAFE_RemixContext, useMatches } from "@remix-run/react";
import { useContext, useState } from "react";

/**
 * The page's JavaScript, asked for at low priority ahead of Remix's own `<link rel="modulepreload">` tags
 * (the browser fetches each module once, at the priority of the first request). Every page works before it
 * hydrates, so on a slow phone connection the stylesheet and the first photo go first and the scripts take
 * what bandwidth is left. The list is the one `<Scripts/>` preloads: the entry, its chunks, and each
 * matched route's module with its chunks, taken once, as the server rendered it.
 */
export function LowPriorityModulePreloads() {
  const remix = useContext(UNSAFE_RemixContext);
  const matches = useMatches();
  const [paths] = useState(() => {
    if (!remix) return [];
    const { manifest } = remix;
    const routes = matches.flatMap((match) => {
      const route = manifest.routes[match.id];
      return route ? [...(route.imports ?? []), route.module] : [];
    });
    return [...new Set([manifest.entry.module, ...manifest.entry.imports, ...routes])];
  });
  return paths.map((href) => <link key={href} rel="modulepreload" href={href} fetchPriority="low" />);
}
