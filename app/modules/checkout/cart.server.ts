import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { cartItems, carts } from "~db/schema";
import { hashToken, newToken } from "~/lib/tokens.server";

/** Whose cart: a guest's (by the token in their cookie) or a signed-in shopper's. */
export type CartOwner = { guestToken: string } | { userId: string };

import { MAX_LINE_QUANTITY } from "./limits";

export { MAX_LINE_QUANTITY };

export interface CartItem {
  variantId: string;
  quantity: number;
}

function ownedBy(cooperativeId: string, owner: CartOwner) {
  return and(
    eq(carts.cooperativeId, cooperativeId),
    "userId" in owner ? eq(carts.userId, owner.userId) : eq(carts.tokenHash, hashToken(owner.guestToken)),
  );
}

export async function findCartId(db: Db, cooperativeId: string, owner: CartOwner): Promise<string | undefined> {
  const [cart] = await db.select({ id: carts.id }).from(carts).where(ownedBy(cooperativeId, owner));
  return cart?.id;
}

/** A new guest token for the cookie. The cart itself is only written with its first item. */
export function newGuestToken(): string {
  return newToken().token;
}

async function ensureCart(tx: Db, cooperativeId: string, owner: CartOwner): Promise<string> {
  const existing = await findCartId(tx, cooperativeId, owner);
  if (existing) return existing;
  const values = "userId" in owner ? { cooperativeId, userId: owner.userId } : { cooperativeId, tokenHash: hashToken(owner.guestToken) };
  const [created] = await tx.insert(carts).values(values).onConflictDoNothing().returning({ id: carts.id });
  return created?.id ?? (await findCartId(tx, cooperativeId, owner))!;
}

export async function cartItemsOf(db: Db, cooperativeId: string, owner: CartOwner): Promise<CartItem[]> {
  return db
    .select({ variantId: cartItems.variantId, quantity: cartItems.quantity })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(ownedBy(cooperativeId, owner))
    .orderBy(cartItems.addedAt, cartItems.variantId);
}

/** Sets a line's quantity (0 removes it). The caller has checked the variant can be bought in that number. */
export async function setCartQuantity(db: Db, cooperativeId: string, owner: CartOwner, variantId: string, quantity: number): Promise<void> {
  await db.transaction(async (tx) => {
    const cartId = await ensureCart(tx, cooperativeId, owner);
    if (quantity <= 0) {
      await tx.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)));
    } else {
      await tx
        .insert(cartItems)
        .values({ cooperativeId, cartId, variantId, quantity })
        .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.variantId], set: { quantity } });
    }
    await tx.update(carts).set({ updatedAt: sql`now()` }).where(eq(carts.id, cartId));
  });
}

export async function emptyCart(tx: Db, cooperativeId: string, owner: CartOwner): Promise<void> {
  await tx.delete(cartItems).where(inArray(cartItems.cartId, tx.select({ id: carts.id }).from(carts).where(ownedBy(cooperativeId, owner))));
}

/**
 * On sign-in, a guest's cart joins the shopper's own: quantities of the same variant add up (within the line
 * limit), and the guest cart is gone. Stock is checked again when the cart is shown and when the order is placed.
 */
export async function mergeGuestCart(db: Db, cooperativeId: string, guestToken: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const guestCartId = await findCartId(tx, cooperativeId, { guestToken });
    if (!guestCartId) return;
    const userCartId = await ensureCart(tx, cooperativeId, { userId });
    await tx.execute(sql`
      insert into cart_items (cooperative_id, cart_id, variant_id, quantity)
      select cooperative_id, ${userCartId}, variant_id, quantity from cart_items where cart_id = ${guestCartId}
      on conflict (cart_id, variant_id) do update set quantity = least(cart_items.quantity + excluded.quantity, ${MAX_LINE_QUANTITY})`);
    await tx.delete(carts).where(eq(carts.id, guestCartId));
  });
}

/** A cart untouched this long is forgotten (its items would be stale anyway; prices and stock are read again). */
export const ABANDONED_CART_DAYS = 30;

/** Removes carts nobody has touched for ABANDONED_CART_DAYS; answers how many. */
export async function purgeAbandonedCarts(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - ABANDONED_CART_DAYS * 86_400_000);
  const removed = await db.delete(carts).where(lt(carts.updatedAt, before)).returning({ id: carts.id });
  return removed.length;
}
