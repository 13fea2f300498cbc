import { useEffect, useState } from "react";
import { useI18n } from "~/lib/i18n/react";
import { ShopLink } from "./shop-link";

/** Fired after the page changed the cart without a navigation (the product page's add button). */
export const CART_CHANGED_EVENT = "etalase:cart-changed";

function countFromCookie(): number {
  const match = /(?:^|;\s*)etalase_cart_count=(\d{1,4})/.exec(document.cookie);
  return match ? Number(match[1]) : 0;
}

/**
 * The header's cart link. Its count is read in the browser from a cookie the cart sets, so the HTML of catalog
 * pages is the same for every shopper and can be cached.
 */
export function CartLink() {
  const { t } = useI18n();
  const [count, setCount] = useState(0);
  useEffect(() => {
    const update = () => setCount(countFromCookie());
    update();
    window.addEventListener(CART_CHANGED_EVENT, update);
    window.addEventListener("focus", update);
    return () => {
      window.removeEventListener(CART_CHANGED_EVENT, update);
      window.removeEventListener("focus", update);
    };
  });
  return (
    <ShopLink to="/cart" className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-full px-2 hover:bg-white/10" aria-label={count > 0 ? t("nav.cartCount", { count }) : t("nav.cart")}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6" />
        <circle cx="10" cy="20" r="1.3" />
        <circle cx="17" cy="20" r="1.3" />
      </svg>
      {count > 0 ? (
        <span className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-clay-500 px-1 text-center text-xs font-bold leading-5 text-white" data-testid="cart-count">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </ShopLink>
  );
}
