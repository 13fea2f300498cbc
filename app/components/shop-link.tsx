import { PrefetchPageLinks, useNavigate } from "@remix-run/react";
import { createContext, useContext, useMemo, useRef, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from "react";

/*
 * Remix's <Link> resolves its `to` against the matched routes on every render: four JSON round trips of the matches
 * per link, through three hooks. With fifty links on a listing that was about 5 % of a cold render (decision 46). A
 * shop's links are absolute paths and need no resolving: a ShopLink is a plain <a href>, and one navigator per page
 * (one `useNavigate`) follows its clicks and prefetches on intent, as Remix's <Link prefetch="intent"> would.
 */

interface Following {
  follow?: (event: MouseEvent<HTMLAnchorElement>) => void;
  intent?: Pick<AnchorHTMLAttributes<HTMLAnchorElement>, "onMouseEnter" | "onMouseLeave" | "onFocus" | "onBlur" | "onTouchStart">;
}

/** Outside a LinkFollower a ShopLink is an ordinary link: the browser loads the page. */
const FollowingContext = createContext<Following>({});

/** Remix's wait between a pointer coming to rest on a link and the prefetch. */
const INTENT_DELAY_MS = 100;

/** Follows the clicks of the ShopLinks inside it within the app, and prefetches the page a shopper shows intent for. */
export function LinkFollower(props: { children: ReactNode }) {
  const navigate = useNavigate();
  const [prefetching, setPrefetching] = useState<string>();
  const pending = useRef<ReturnType<typeof setTimeout>>();
  const following = useMemo<Following>(() => {
    const intend = (event: { currentTarget: HTMLAnchorElement }) => {
      const href = event.currentTarget.getAttribute("href") ?? undefined;
      clearTimeout(pending.current);
      pending.current = setTimeout(() => setPrefetching(href), INTENT_DELAY_MS);
    };
    const abandon = () => clearTimeout(pending.current);
    return {
      follow: (event) => {
        const link = event.currentTarget;
        const target = new URL(link.href);
        if (!followsInApp(event, link) || target.origin !== window.location.origin) return;
        event.preventDefault();
        const path = target.pathname + target.search + target.hash;
        const { pathname, search, hash } = window.location;
        // The page itself again replaces its history entry, as <Link> does.
        navigate(path, { replace: path === pathname + search + hash });
      },
      intent: { onMouseEnter: intend, onFocus: intend, onTouchStart: intend, onMouseLeave: abandon, onBlur: abandon },
    };
  }, [navigate]);
  return (
    <FollowingContext.Provider value={following}>
      {props.children}
      {prefetching ? <PrefetchPageLinks page={prefetching} /> : null}
    </FollowingContext.Provider>
  );
}

/** A plain left click on a link for this window, which nothing else has handled: the app follows it. */
function followsInApp(event: MouseEvent<HTMLAnchorElement>, link: HTMLAnchorElement): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return false;
  return (!link.target || link.target === "_self") && !link.hasAttribute("download");
}

export type ShopLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href" | "onClick"> & {
  /** A path of this shop, with its query if any: `/p/keripik-balado`, `/products?page=2`, `?page=2`. */
  to: string;
  /** `intent`: prefetch the page's data and modules when a pointer rests on the link or it takes focus. */
  prefetch?: "intent";
};

/** A link to a page of this shop; cheap to render, followed within the app inside a LinkFollower. */
export function ShopLink({ to, prefetch, ...props }: ShopLinkProps) {
  const { follow, intent } = useContext(FollowingContext);
  // data-discover: Remix's route discovery learns of the routes the page links to, as it does for <Link>.
  return <a {...props} {...(prefetch === "intent" ? intent : undefined)} href={to} onClick={follow} data-discover="true" />;
}
