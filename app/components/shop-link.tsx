import { PrefetchPageLinks, useNavigate } from "@remix-run/react";
import { createContext, useContext, useMemo, useRef, useState, type AnchorHTMLAttributes, type HTMLAttributes, type MouseEvent, type ReactNode, type SyntheticEvent } from "react";

/*
 * Remix's <Link> resolves its `to` against the matched routes on every render: four JSON round trips of the matches
 * per link, through three hooks. With fifty links on a listing that was about 5 % of a cold render (decision 46). A
 * shop's links are absolute paths and need no resolving: a ShopLink is a plain <a href>, and one navigator per page
 * (one `useNavigate`) follows its clicks. Product cards are markup (decision 48): their grid hands its links' clicks
 * to the same navigator, which also prefetches a card's page on intent, as Remix's <Link prefetch="intent"> would.
 */

interface Following {
  follow?: (event: MouseEvent<HTMLAnchorElement>) => void;
  /** For the links inside an element, written as markup (product cards): followed, and prefetched on intent. */
  within?: LinksWithin;
}

export type LinksWithin = Pick<HTMLAttributes<HTMLElement>, "onClick" | "onMouseOver" | "onMouseOut" | "onFocus" | "onTouchStart" | "onBlur">;

/** Outside a LinkFollower a ShopLink is an ordinary link: the browser loads the page. */
const FollowingContext = createContext<Following>({});

/** Remix's wait between a pointer coming to rest on a link and the prefetch. */
const INTENT_DELAY_MS = 100;

/**
 * Follows the clicks of the ShopLinks inside it within the app; inside an element given `useLinksWithin`, also
 * prefetches the page a shopper shows intent for (a pointer resting on its link, or focus).
 */
export function LinkFollower(props: { children: ReactNode }) {
  const navigate = useNavigate();
  const [prefetching, setPrefetching] = useState<string>();
  const pending = useRef<ReturnType<typeof setTimeout>>();
  const following = useMemo<Following>(() => {
    const intendLink = (link: HTMLAnchorElement) => {
      const href = link.getAttribute("href") ?? undefined;
      clearTimeout(pending.current);
      pending.current = setTimeout(() => setPrefetching(href), INTENT_DELAY_MS);
    };
    const abandon = () => clearTimeout(pending.current);
    const followLink = (event: MouseEvent, link: HTMLAnchorElement) => {
      const target = new URL(link.href);
      if (!followsInApp(event, link) || target.origin !== window.location.origin) return;
      event.preventDefault();
      const path = target.pathname + target.search + target.hash;
      const { pathname, search, hash } = window.location;
      // The page itself again replaces its history entry, as <Link> does.
      navigate(path, { replace: path === pathname + search + hash });
    };
    const intendAround = (event: SyntheticEvent<HTMLElement>) => {
      const link = linkAround(event.target, event.currentTarget);
      if (link) intendLink(link);
    };
    return {
      follow: (event) => followLink(event, event.currentTarget),
      within: {
        onClick: (event) => {
          const link = linkAround(event.target, event.currentTarget);
          if (link) followLink(event, link);
        },
        onMouseOver: (event) => {
          const link = linkEntered(event);
          if (link) intendLink(link);
        },
        onMouseOut: (event) => linkEntered(event) && abandon(),
        onFocus: intendAround,
        onTouchStart: intendAround,
        onBlur: abandon,
      },
    };
  }, [navigate]);
  return (
    <FollowingContext.Provider value={following}>
      {props.children}
      {prefetching ? <PrefetchPageLinks page={prefetching} /> : null}
    </FollowingContext.Provider>
  );
}

/**
 * Handlers for an element whose links are markup rather than ShopLinks: each link inside is followed within the app,
 * and its page prefetched on intent after 100 ms, as Remix's <Link prefetch="intent"> does. Outside a LinkFollower,
 * none.
 */
export function useLinksWithin(): LinksWithin | undefined {
  return useContext(FollowingContext).within;
}

/**
 * The link a pointer moved onto (over) or off (out), if it crossed the link's edge: over and out bubble where enter
 * and leave do not, but also fire between a link's own parts.
 */
function linkEntered(event: MouseEvent<HTMLElement>): HTMLAnchorElement | null {
  const link = linkAround(event.target, event.currentTarget);
  return link && link !== linkAround(event.relatedTarget, event.currentTarget) ? link : null;
}

/** The link `target` is part of, inside `container`, if any. */
function linkAround(target: EventTarget | null, container: Element): HTMLAnchorElement | null {
  const link = target instanceof Element ? target.closest("a[href]") : null;
  return link instanceof HTMLAnchorElement && container.contains(link) ? link : null;
}

/** A plain left click on a link for this window, which nothing else has handled: the app follows it. */
function followsInApp(event: MouseEvent, link: HTMLAnchorElement): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return false;
  return (!link.target || link.target === "_self") && !link.hasAttribute("download");
}

export type ShopLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href" | "onClick"> & {
  /** A path of this shop, with its query if any: `/p/keripik-balado`, `/products?page=2`, `?page=2`. */
  to: string;
};

/** A link to a page of this shop; cheap to render, followed within the app inside a LinkFollower. */
export function ShopLink({ to, ...props }: ShopLinkProps) {
  const { follow } = useContext(FollowingContext);
  // data-discover: Remix's route discovery learns of the routes the page links to, as it does for <Link>.
  return <a {...props} href={to} onClick={follow} data-discover="true" />;
}
