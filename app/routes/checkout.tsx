import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { AreaSelects } from "~/components/area-selects";
import { Alert, SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import { formValues } from "~/lib/forms.server";
import { areaRefill, listProvinces } from "~/lib/indonesia/areas.server";
import type { MessageKey } from "~/lib/i18n/core";
import type { RefusalAnswer } from "~/lib/results";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { viewCart } from "~/flows/cart.server";
import { paymentGateway } from "~/flows/payment-accounts.server";
import { placeOrder, placeOrderErrors, type Delivery } from "~/flows/place-order.server";
import { checkoutFormSchema, type CheckoutForm } from "~/modules/checkout/forms";
import { deliveryOptions } from "~/modules/checkout/options.server";
import { billableWeightKg, courierQuote } from "~/modules/checkout/shipping";
import type { ProviderName } from "~/modules/payments/provider";
import { cartCookies, requestCart } from "~/web/cart.server";
import { parseForm } from "~/web/forms.server";
import { getActor } from "~/web/guards.server";
import { getShopPage } from "~/modules/tenancy/shop-pages.server";
import { buyPage } from "~/lib/i18n/dictionaries";

export const handle = buyPage;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, actor } = await getActor(request, context);
  const cart = await requestCart(request, context);
  const view = cart.owner ? await viewCart(context.db, cooperative.id, cart.owner, resolveLocale(request)) : null;
  if (!view || view.lines.length === 0) throw redirect("/cart");
  const [options, provinces, providers, pickup] = await Promise.all([
    deliveryOptions(context.db, cooperative.id),
    listProvinces(),
    paymentGateway().offeredProviders(context.db, cooperative.id),
    getShopPage(context.db, cooperative.id, "pickup", resolveLocale(request), cooperative),
  ]);
  return data(
    {
      cart: view,
      billableKg: billableWeightKg(view.parcels),
      options,
      provinces,
      providers,
      pickup: { paragraphs: pickup.paragraphs, mapUrl: pickup.mapUrl },
      contact: actor.kind === "user" ? { name: actor.name, email: actor.email } : { name: "", email: "" },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

function deliveryOf(form: CheckoutForm): Delivery {
  switch (form.deliveryMethod) {
    case "courier":
      return { method: "courier", provinceCode: form.provinceCode, regencyCode: form.regencyCode, districtCode: form.districtCode, villageCode: form.villageCode, postalCode: form.postalCode, street: form.street };
    case "local":
      return { method: "local", placeName: form.placeName, street: form.street };
    case "pickup":
      return { method: "pickup" };
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await getActor(request, context);
  const formData = await request.formData();
  const values = formValues(formData);
  const refuse = async (status: number, errors: Record<string, string>, total?: number) =>
    data({ errors, values, areas: await areaRefill(values), total: total ?? null }, { status });
  const parsed = parseForm(checkoutFormSchema, formData);
  if (!parsed.ok) return refuse(422, parsed.answer.data.errors);
  const form = parsed.data;
  const cart = await requestCart(request, context);
  if (!cart.owner) return refuse(409, { form: "checkout.error.emptyCart" });
  const gateway = paymentGateway();
  const locale = resolveLocale(request);
  const placed = await placeOrder(context.db, {
    cooperativeId: cooperative.id,
    cart: cart.owner,
    userId: actor.kind === "user" ? actor.userId : null,
    locale,
    contact: { name: form.name, email: form.email, phone: form.phone },
    delivery: deliveryOf(form),
    note: form.note,
    provider: form.provider,
    providerOffered: (provider) => gateway.offers(context.db, cooperative.id, provider),
    expectedTotal: form.expectedTotal,
  });
  if (!placed.ok) {
    const refusal: RefusalAnswer = placeOrderErrors[placed.error];
    return refuse(refusal.status, { [refusal.field ?? "form"]: refusal.message }, placed.total);
  }
  const headers = await cartCookies(cart, 0);
  const orderPage = `/orders/${placed.token}`;
  if (form.provider === "manual") throw redirect(orderPage, { headers });
  const started = await gateway.start(context.db, { cooperativeId: cooperative.id, paymentId: placed.paymentId, orderPageUrl: `${cooperative.origin}${orderPage}`, locale });
  throw redirect(started.ok ? started.redirectUrl : `${orderPage}?payment=failed`, { headers });
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, ({ root, t }) => ({ title: `${t("checkout.title")} · ${root.cooperative.name}`, description: "", noindex: true }));

const providerLabels: Record<ProviderName, { name: MessageKey; hint: MessageKey }> = {
  midtrans: { name: "checkout.provider.midtrans", hint: "checkout.provider.midtransHint" },
  stripe: { name: "checkout.provider.stripe", hint: "checkout.provider.stripeHint" },
  manual: { name: "checkout.provider.manual", hint: "checkout.provider.manualHint" },
};

export default function CheckoutPage() {
  const { cart, billableKg, options, provinces, providers, pickup, contact } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const values: Record<string, string | undefined> = result?.values ?? {};
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const methods = [
    ["courier", options.rates.length > 0],
    ["local", options.localDeliveryFee !== null],
    ["pickup", options.pickupEnabled],
  ].filter(([, offered]) => offered) as [Delivery["method"], boolean][];
  const [method, setMethod] = useState<string>(values.deliveryMethod ?? methods[0]?.[0] ?? "pickup");
  const [area, setArea] = useState({ provinceCode: values.provinceCode ?? "", regencyCode: values.regencyCode ?? "" });

  const shipping = useMemo(() => {
    if (method === "pickup") return 0;
    if (method === "local") return options.localDeliveryFee;
    if (!area.provinceCode) return null;
    const quote = courierQuote(options.rates, area, [{ weightGrams: billableKg * 1000, lengthMm: 0, widthMm: 0, heightMm: 0, quantity: 1 }]);
    return quote?.price ?? null;
  }, [method, area, options, billableKg]);
  const total = shipping === null ? null : cart.subtotal + shipping;

  return (
    <div className="container-page max-w-5xl py-6">
      <h1 className="text-2xl font-bold">{t("checkout.title")}</h1>
      <Form
        method="post"
        noValidate
        className="mt-6 grid gap-6 lg:grid-cols-[1fr_20rem]"
        onChange={(event) => {
          const form = event.currentTarget;
          const data = new FormData(form);
          setArea({ provinceCode: String(data.get("provinceCode") ?? ""), regencyCode: String(data.get("regencyCode") ?? "") });
        }}
      >
        <div className="space-y-6">
          {errors.form ? <Alert tone="error">{t(errors.form as MessageKey, { total: result?.total ? formatRupiah(result.total) : "" })}</Alert> : null}
          {cart.hasProblems ? (
            <Alert tone="error">
              {t("cart.fixProblems")}{" "}
              <Link to="/cart" className="underline">
                {t("cart.viewCart")}
              </Link>
            </Alert>
          ) : null}
          <div className="rounded-2xl bg-white p-4 ring-1 ring-sand-200"><fieldset className="space-y-4">
            <legend className="mb-3 text-lg font-semibold">{t("checkout.contact")}</legend>
            <TextField name="name" label={t("checkout.field.name")} autoComplete="name" required defaultValue={values.name ?? contact.name} error={errors.name} />
            <TextField name="email" type="email" inputMode="email" autoComplete="email" required label={t("checkout.field.email")} hint={t("checkout.hint.email")} defaultValue={values.email ?? contact.email} error={errors.email} />
            <TextField name="phone" type="tel" inputMode="tel" autoComplete="tel" required label={t("checkout.field.phone")} hint={t("checkout.hint.phone")} defaultValue={values.phone} error={errors.phone} />
          </fieldset></div>

          <div className="rounded-2xl bg-white p-4 ring-1 ring-sand-200"><fieldset className="space-y-4">
            <legend className="mb-3 text-lg font-semibold">{t("checkout.delivery")}</legend>
            <div className="grid gap-2" role="radiogroup" aria-describedby={errors.deliveryMethod ? "deliveryMethod-error" : undefined}>
              {methods.map(([value]) => (
                <label key={value} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-xl p-3 ring-1 ring-sand-300 has-[:checked]:bg-sea-50 has-[:checked]:ring-sea-700">
                  <input type="radio" name="deliveryMethod" value={value} checked={method === value} onChange={() => setMethod(value)} className="mt-1" />
                  <span>
                    <span className="block font-semibold">{t(`checkout.method.${value}`)}</span>
                    <span className="block text-sm text-muted">
                      {value === "courier"
                        ? t("checkout.method.courierHint", { kg: billableKg })
                        : value === "local"
                          ? t("checkout.method.localHint", { area: options.localDeliveryArea, price: formatRupiah(options.localDeliveryFee ?? 0) })
                          : t("checkout.method.pickupHint", { address: options.address })}
                    </span>
                  </span>
                </label>
              ))}
            </div>
            {errors.deliveryMethod ? (
              <p id="deliveryMethod-error" className="text-sm font-medium text-clay-700">
                {t(errors.deliveryMethod as MessageKey)}
              </p>
            ) : null}
            {method === "courier" ? (
              <div className="space-y-4">
                <AreaSelects provinces={provinces} initial={result?.areas ?? {}} errors={errors} />
                <TextField name="postalCode" inputMode="numeric" autoComplete="postal-code" maxLength={5} required label={t("checkout.field.postalCode")} defaultValue={values.postalCode} error={errors.postalCode} />
                <TextAreaField name="street" autoComplete="street-address" required rows={2} label={t("checkout.field.street")} hint={t("checkout.hint.street")} defaultValue={values.street} error={errors.street} />
              </div>
            ) : method === "local" ? (
              <div className="space-y-4">
                <TextField name="placeName" required label={t("checkout.field.placeName")} hint={t("checkout.hint.placeName")} defaultValue={values.placeName} error={errors.placeName} />
                <TextField name="street" label={t("checkout.field.room")} defaultValue={values.street} error={errors.street} />
              </div>
            ) : method === "pickup" ? (
              <section aria-labelledby="pickup-hours" className="space-y-2 rounded-xl bg-sand-100 p-3 text-sm">
                <h3 id="pickup-hours" className="font-semibold">{t("checkout.pickupHours")}</h3>
                {pickup.paragraphs.map((paragraph, index) => (
                  <p key={index} className="whitespace-pre-line">{paragraph}</p>
                ))}
                <p className="flex flex-wrap gap-x-4 gap-y-1">
                  {pickup.mapUrl ? (
                    <a href={pickup.mapUrl} target="_blank" rel="noopener noreferrer nofollow" className="font-semibold text-sea-700 underline">{t("shopPage.pickup.map")}</a>
                  ) : null}
                  <Link to="/ambil" className="font-semibold text-sea-700 underline">{t("shopPage.pickup.title")}</Link>
                </p>
              </section>
            ) : null}
            <TextAreaField name="note" rows={2} label={t("checkout.field.note")} defaultValue={values.note} error={errors.note} />
          </fieldset></div>

          <div className="rounded-2xl bg-white p-4 ring-1 ring-sand-200"><fieldset className="space-y-3">
            <legend className="mb-3 text-lg font-semibold">{t("checkout.payment")}</legend>
            {providers.length === 0 ? <Alert tone="info">{t("checkout.noProviders")}</Alert> : null}
            {providers.map((provider, index) => (
              <label key={provider} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-xl p-3 ring-1 ring-sand-300 has-[:checked]:bg-sea-50 has-[:checked]:ring-sea-700">
                <input type="radio" name="provider" value={provider} defaultChecked={values.provider ? values.provider === provider : index === 0} className="mt-1" />
                <span>
                  <span className="block font-semibold">{t(providerLabels[provider].name)}</span>
                  <span className="block text-sm text-muted">{t(providerLabels[provider].hint)}</span>
                </span>
              </label>
            ))}
            {errors.provider ? <p className="text-sm font-medium text-clay-700">{t(errors.provider as MessageKey)}</p> : null}
          </fieldset></div>
        </div>

        <aside className="h-fit space-y-4 rounded-2xl bg-white p-4 ring-1 ring-sand-200 lg:sticky lg:top-24" aria-labelledby="summary-heading">
          <h2 id="summary-heading" className="text-lg font-semibold">{t("checkout.summary")}</h2>
          <ul className="space-y-2 text-sm">
            {cart.lines.filter((line) => !line.problem).map((line) => (
              <li key={line.variantId} className="flex justify-between gap-3">
                <span>
                  {line.quantity} × {line.name}
                  {line.variantName ? ` (${line.variantName})` : ""}
                </span>
                <span className="shrink-0">{formatRupiah(line.lineTotal)}</span>
              </li>
            ))}
          </ul>
          <dl className="space-y-1 border-t border-sand-200 pt-3 text-sm">
            <div className="flex justify-between">
              <dt>{t("cart.subtotal")}</dt>
              <dd>{formatRupiah(cart.subtotal)}</dd>
            </div>
            <div className="flex justify-between">
              <dt>{t("checkout.shipping")}</dt>
              <dd>{shipping === null ? t("checkout.shippingUnknown") : formatRupiah(shipping)}</dd>
            </div>
            <div className="flex justify-between pt-2 text-base font-bold">
              <dt>{t("checkout.total")}</dt>
              <dd aria-live="polite">{total === null ? "–" : formatRupiah(total)}</dd>
            </div>
          </dl>
          <p className="text-xs text-muted">{t("checkout.pricesInclusive")}</p>
          {total !== null ? <input type="hidden" name="expectedTotal" value={total} /> : null}
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="terms" required className="mt-1" aria-invalid={errors.terms ? true : undefined} defaultChecked={values.terms === "on"} />
            <span>
              {t("checkout.terms")}{" "}
              <Link to="/returns" className="font-semibold text-sea-700 underline">
                {t("checkout.termsLink")}
              </Link>
            </span>
          </label>
          {errors.terms ? <p className="text-sm font-medium text-clay-700">{t(errors.terms as MessageKey)}</p> : null}
          <p className="text-sm">
            <Link to="/returns" className="font-semibold text-sea-700 underline">{t("checkout.returnsLink")}</Link>
          </p>
          <SubmitButton className="w-full">{t("checkout.place")}</SubmitButton>
        </aside>
      </Form>
    </div>
  );
}
