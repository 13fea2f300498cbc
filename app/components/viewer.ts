import { useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { signedInHint } from "~/lib/signed-in-hint";
import type { Actor } from "~/modules/identity/access";

export interface Viewer {
  name: string;
  staff: boolean;
  member: boolean;
  operator: boolean;
}

export function viewerOf(actor: Actor): Viewer | null {
  if (actor.kind !== "user") return null;
  return { name: actor.name || actor.email, staff: actor.staffRoles.length > 0, member: actor.member !== null, operator: actor.isOperator };
}

let known: { hint: string; viewer: Promise<Viewer | null> } | undefined;

function viewerFor(hint: string): Promise<Viewer | null> {
  if (known?.hint !== hint) {
    const viewer = fetch("/api/viewer", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<{ viewer: Viewer | null }>) : { viewer: null }))
      .then((body) => body.viewer)
      .catch(() => null);
    known = { hint, viewer };
  }
  return known.viewer;
}

/**
 * The signed-in person, known in the browser after load: the server renders every catalog page as for a guest (so
 * one cached copy serves all), and a browser carrying the signed-in hint asks `/api/viewer` once per sign-in.
 */
export function useViewer(): Viewer | null {
  const [viewer, setViewer] = useState<Viewer | null>(null);
  // Signing in or out is a navigation: look again after each one.
  const navigation = useLocation().key;
  useEffect(() => {
    const hint = signedInHint(document.cookie);
    if (!hint) {
      known = undefined;
      setViewer(null);
      return;
    }
    let current = true;
    void viewerFor(hint).then((found) => current && setViewer(found));
    return () => {
      current = false;
    };
  }, [navigation]);
  return viewer;
}
