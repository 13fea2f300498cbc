import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { Alert } from "~/components/forms/field";
import { imageWidest, ResponsiveImage } from "~/components/responsive-image";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import type { MessageKey } from "~/lib/i18n/core";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { addToCart, cartErrors, changeCartLine, viewCart, type CartView } from "~/flows/cart.server";
import { cartFormSchema } from "~/modules/checkout/forms";
import { cartCookies, requestCart, writableCart } from "~/web/cart.server";
import { parseForm } from "~/web/forms.server";
import { buyPage } from "~/lib/i18n/dictionaries";

const emptyCart: CartView = { lines: [], subtotal: 0, itemCount: 0, hasProblems: false, parcels: [] };

export const handle = buyPage;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cart = await requestCart(request, context);
  const view = cart.owner ? await viewCart(context.db, cart.cooperativeId, cart.owner, resolveLocale(request)) : emptyCart;
  return data({ cart: view }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(cartFormSchema, formData);
  if (!parsed.ok) {
    const { errors } = parsed.answer.data;
    return data({ ok: false as const, message: (errors.quantity ?? errors.variantId ?? "form.error.invalid") as MessageKey, available: 0, count: null }, { status: 422 });
  }
  const form = parsed.data;
  const cart = await writableCart(request, context);
  const change =
    form.intent === "add"
      ? await addToCart(context.db, cart.cooperativeId, cart.owner, form.variantId, form.quantity)
      : await changeCartLine(context.db, cart.cooperativeId, cart.owner, form.variantId, form.intent === "remove" ? 0 : form.quantity);
  const view = await viewCart(context.db, cart.cooperativeId, cart.owner, resolveLocale(request));
  const headers = await cartCookies(cart, view.itemCount);
  if (!change.ok) {
    const refusal = cartErrors[change.error];
    return data({ ok: false as const, message: refusal.message as MessageKey, available: change.available, count: view.itemCount }, { status: refusal.status, headers });
  }
  if (form.intent === "add" && form.buyNow) throw redirect("/checkout", { headers });
  if (form.intent === "add" && form.then === "cart") throw redirect("/cart", { headers });
  return data({ ok: true as const, message: form.intent === "add" ? ("cart.added" as MessageKey) : null, available: 0, count: view.itemCount }, { headers });
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, ({ root, t }) => ({ title: `${t("cart.title")} · ${root.cooperative.name}`, description: "", noindex: true }));

export default function CartPage() {
  const { cart } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="container-page max-w-3xl py-6">
      <h1 className="text-2xl font-bold">{t("cart.title")}</h1>
      <div className="mt-4 space-y-3" aria-live="polite">
        {result?.message ? <Alert tone={result.ok ? "success" : "error"}>{t(result.message, { count: result.available })}</Alert> : null}
      </div>
      {cart.lines.length === 0 ? (
        <div className="mt-6">
          <EmptyState
            title={t("cart.empty.title")}
            body={t("cart.empty.body")}
            action={
              <Link to="/products" className="btn bg-sea-700 text-white hover:bg-sea-800">
                {t("cart.empty.action")}
              </Link>
            }
          />
        </div>
      ) : (
        <>
          <ul className="mt-6 divide-y divide-sand-200 rounded-2xl bg-white ring-1 ring-sand-200">
            {cart.lines.map((line) => (
              <li key={line.variantId} className="flex gap-3 p-4">
                {line.image ? (
                  <ResponsiveImage image={line.image} sizes="5rem" widest={imageWidest.thumbnail} alt="" className="h-20 w-20 shrink-0 rounded-xl object-cover" />
                ) : (
                  <div className="h-20 w-20 shrink-0 rounded-xl bg-sand-100" />
                )}
                <div className="min-w-0 flex-1 space-y-1">
                  <Link to={`/p/${line.productSlug}`} className="font-semibold leading-tight underline-offset-2 hover:underline">
                    {line.name}
                  </Link>
                  <p className="text-sm text-muted">
                    {[line.variantName, line.producerName].filter(Boolean).join(" · ")}
                  </p>
                  <p className="text-sm">{formatRupiah(line.unitPrice)}</p>
                  {line.problem ? (
                    <p className="text-sm font-medium text-clay-700">
                      {line.problem === "unavailable" ? t("cart.error.soldOut") : t("cart.error.limited", { count: line.available })}
                    </p>
                  ) : null}
                  <div className="flex flex-wrap items-end gap-2 pt-1">
                    <Form method="post" className="flex items-end gap-2">
                      <input type="hidden" name="variantId" value={line.variantId} />
                      <label className="text-sm">
                        <span className="block font-medium">{t("cart.quantity")}</span>
                        <input
                          type="number"
                          name="quantity"
                          min={1}
                          max={Math.max(line.available, 1)}
                          defaultValue={Math.min(line.quantity, Math.max(line.available, 1))}
                          className="field mt-1 w-20"
                          aria-label={t("cart.quantityOf", { name: line.name })}
                        />
                      </label>
                      <button type="submit" name="intent" value="set" className="btn bg-white text-ink ring-1 ring-sand-300 hover:bg-sand-100">
                        {t("cart.update")}
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="variantId" value={line.variantId} />
                      <button type="submit" name="intent" value="remove" className="btn text-clay-700 hover:bg-clay-500/10" aria-label={t("cart.removeItem", { name: line.name })}>
                        {t("cart.remove")}
                      </button>
                    </Form>
                  </div>
                </div>
                <p className="shrink-0 font-semibold">{formatRupiah(line.lineTotal)}</p>
              </li>
            ))}
          </ul>
          <div className="mt-6 rounded-2xl bg-white p-4 ring-1 ring-sand-200">
            <div className="flex items-center justify-between text-lg font-bold">
              <span>{t("cart.subtotal")}</span>
              <span>{formatRupiah(cart.subtotal)}</span>
            </div>
            <p className="mt-1 text-sm text-muted">{t("cart.shippingLater")}</p>
            {cart.hasProblems ? <p className="mt-3 text-sm font-medium text-clay-700">{t("cart.fixProblems")}</p> : null}
            <Link
              to="/checkout"
              aria-disabled={cart.hasProblems}
              className={`btn mt-4 w-full bg-sea-700 text-white hover:bg-sea-800 ${cart.hasProblems ? "pointer-events-none opacity-60" : ""}`}
            >
              {t("cart.checkout")}
            </Link>
          </div>
        </>
      )}
    </div>
  );
}
