import { createCookie, type AppLoadContext } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { cartItemsOf, mergeGuestCart, newGuestToken, type CartOwner } from "~/modules/checkout/cart.server";
import { getActor } from "./guards.server";

const secure = () => env().SECURE_COOKIES ?? (env().NODE_ENV === "production" && Boolean(env().DATABASE_URL));

/** A guest's cart token: random, HttpOnly; the database keeps only its hash. */
const guestCartCookie = () => createCookie("etalase_cart", { httpOnly: true, sameSite: "lax", secure: secure(), path: "/", maxAge: 30 * 86_400 });

/**
 * How many items the cart holds, for the header's badge: readable by the page's script and carrying nothing
 * secret, so catalog pages stay the same for everyone (and cacheable) while the badge is filled in the browser.
 */
export const CART_COUNT_COOKIE = "etalase_cart_count";

async function readGuestToken(request: Request): Promise<string | undefined> {
  const value: unknown = await guestCartCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{40,60}$/.test(value) ? value : undefined;
}

export interface RequestCart {
  owner: CartOwner | null;
  /** For a guest without a cart yet: the token to keep if something is added. */
  newGuestToken?: string;
  cooperativeId: string;
}

/** The cart of this request: the signed-in shopper's, or the guest's by cookie (null when a guest has none yet). */
export async function requestCart(request: Request, context: AppLoadContext): Promise<RequestCart> {
  const { cooperative, actor } = await getActor(request, context);
  if (actor.kind === "user") return { owner: { userId: actor.userId }, cooperativeId: cooperative.id };
  const token = await readGuestToken(request);
  return token ? { owner: { guestToken: token }, cooperativeId: cooperative.id } : { owner: null, cooperativeId: cooperative.id };
}

/** The cart to write to: a guest without one gets a new token (sent back by `cartCookies`). */
export async function writableCart(request: Request, context: AppLoadContext): Promise<RequestCart & { owner: CartOwner }> {
  const cart = await requestCart(request, context);
  if (cart.owner) return cart as RequestCart & { owner: CartOwner };
  const token = newGuestToken();
  return { owner: { guestToken: token }, newGuestToken: token, cooperativeId: cart.cooperativeId };
}

/** Set-Cookie headers after a cart change: the guest token (when new) and the item count for the badge. */
export async function cartCookies(cart: RequestCart, itemCount: number): Promise<Headers> {
  const headers = new Headers();
  if (cart.newGuestToken) headers.append("Set-Cookie", await guestCartCookie().serialize(cart.newGuestToken));
  headers.append("Set-Cookie", `${CART_COUNT_COOKIE}=${itemCount}; Path=/; Max-Age=${30 * 86_400}; SameSite=Lax${secure() ? "; Secure" : ""}`);
  return headers;
}

/** After sign-in: the guest's cart joins the account's, the guest cookie goes, and the badge counts the account's cart. */
export async function mergeCartOnSignIn(request: Request, context: AppLoadContext, cooperativeId: string, userId: string, headers: Headers): Promise<void> {
  const token = await readGuestToken(request);
  if (token) {
    await mergeGuestCart(context.db, cooperativeId, token, userId);
    headers.append("Set-Cookie", await guestCartCookie().serialize("", { maxAge: 0 }));
  }
  const items = await cartItemsOf(context.db, cooperativeId, { userId });
  const count = items.reduce((sum, item) => sum + item.quantity, 0);
  for (const cookie of (await cartCookies({ owner: { userId }, cooperativeId }, count)).getSetCookie()) headers.append("Set-Cookie", cookie);
}
