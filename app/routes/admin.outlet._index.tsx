import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { BarcodeScanner } from "~/components/outlet/barcode-scanner";
import { Alert, SubmitButton } from "~/components/forms/field";
import { FormToken } from "~/components/forms/form-token";
import { sellAtOutlet, type CounterPayment } from "~/flows/sell-at-outlet.server";
import { paymentGateway } from "~/flows/payment-accounts.server";
import { claimSubmission, FORM_TOKEN_FIELD, formContent, newFormToken } from "~/lib/form-token.server";
import { uuidPattern } from "~/lib/ids";
import type { MessageKey } from "~/lib/i18n/core";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { formatRupiah, parseRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { describeVariant } from "~/modules/catalog/shop/buyable.server";
import { findForCounter } from "~/modules/catalog/shop/counter-search.server";
import { changeFor } from "~/modules/outlet/counter";
import { outletErrors } from "~/modules/outlet/errors";
import { hasStaticQris } from "~/modules/outlet/settings.server";
import { invalid, parseForm, refused, unclaimed } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";

const privateHeaders = { "Cache-Control": "private, no-store" };

/** The outlet counter: find or scan what the visitor brings, then take cash or QRIS (decision 33). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "outlet.sell");
  const q = new URL(request.url).searchParams.get("q")?.trim() ?? "";
  const locale = resolveLocale(request);
  const [found, qrisStatic, midtrans] = await Promise.all([
    q ? findForCounter(context.db, cooperative.id, q) : Promise.resolve([]),
    hasStaticQris(context.db, cooperative.id),
    paymentGateway().midtrans(context.db, cooperative.id),
  ]);
  const results = found.map((variant) => {
    const { name, variantName } = describeVariant(variant, cooperative.id, locale);
    return { variantId: variant.variantId, sku: variant.sku, name, variantName, price: variant.price, stock: variant.stock };
  });
  return data({ q, results, qris: midtrans ? ("midtrans" as const) : qrisStatic ? ("static" as const) : null, formToken: newFormToken() }, { headers: privateHeaders });
}

const saleSchema = z.object({
  method: z.enum(["cash", "qris"], { error: "outlet.error.method" }),
  cashGiven: z.string().trim().max(30).default(""),
});
const linePattern = new RegExp(`^(${uuidPattern.source.slice(1, -1)}):(\\d{1,3})$`, "i");

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "outlet.sell");
  const formData = await request.formData();
  const form = parseForm(saleSchema, formData);
  if (!form.ok) return form.answer;
  const items = formData.getAll("line").map((value) => linePattern.exec(String(value)));
  if (items.some((match) => !match)) return refused(formData, outletErrors, "bad_line");
  let payment: CounterPayment;
  if (form.data.method === "cash") {
    const given = parseRupiah(form.data.cashGiven);
    if (given === null) return invalid(formData, { cashGiven: "outlet.error.cashGiven" });
    payment = { method: "cash", given };
  } else {
    const midtrans = await paymentGateway().midtrans(context.db, cooperative.id);
    payment = midtrans ? { method: "qris_midtrans", midtrans } : { method: "qris_static" };
  }

  const key = { cooperativeId: cooperative.id, purpose: "outlet.sale", userId: actor.userId };
  const claim = await claimSubmission<{ orderId: string }>(context.db, key, formData.get(FORM_TOKEN_FIELD), { content: formContent(formData) });
  if (claim.state === "repeat") throw redirect(`/admin/outlet/sales/${claim.result.orderId}`);
  if (claim.state !== "first") return unclaimed(formData, claim.state);
  const sold = await sellAtOutlet(context.db, {
    cooperativeId: cooperative.id,
    staffUserId: actor.userId,
    locale: resolveLocale(request),
    zone: timeZoneOfProvince(cooperative.province),
    items: items.map((match) => ({ variantId: match![1]!.toLowerCase(), quantity: Number(match![2]) })),
    payment,
    keep: (tx, sale) => claim.finish({ orderId: sale.orderId }, tx),
    ipAddress: context.clientIp,
  }).catch(async (error: unknown) => {
    await claim.abandon();
    throw error;
  });
  if (!sold.ok) {
    await claim.abandon();
    return refused(formData, outletErrors, sold.error, { soldOut: "soldOut" in sold ? (sold.soldOut ?? []) : [] });
  }
  throw redirect(`/admin/outlet/sales/${sold.orderId}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.outlet")} · ${root.cooperative.name}`, description: "", noindex: true }));

type Result = { variantId: string; sku: string; name: string; variantName: string; price: number; stock: number };
type Line = Result & { quantity: number };

export default function OutletCounter() {
  const { qris, formToken } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const search = useFetcher<typeof loader>();
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [lines, setLines] = useState<Line[]>([]);
  const [method, setMethod] = useState<"cash" | "qris">("cash");
  const [cashGiven, setCashGiven] = useState("");

  const add = useCallback((item: Result) => {
    setLines((current) => {
      const existing = current.find((line) => line.variantId === item.variantId);
      if (existing) return current.map((line) => (line === existing ? { ...line, quantity: Math.min(line.quantity + 1, line.stock) } : line));
      return item.stock > 0 ? [...current, { ...item, quantity: 1 }] : current;
    });
  }, []);
  const setQuantity = (variantId: string, quantity: number) =>
    setLines((current) => current.flatMap((line) => (line.variantId !== variantId ? [line] : quantity <= 0 ? [] : [{ ...line, quantity: Math.min(quantity, 999) }])));

  const lookUp = (text: string) => {
    if (text.trim()) search.load(`/admin/outlet?index&q=${encodeURIComponent(text.trim())}`);
  };

  // A scanner types the whole SKU and Enter: when the answer has exactly that SKU, it goes straight onto the sale.
  const found = search.data;
  useEffect(() => {
    const exact = found?.results.find((result) => result.sku.toUpperCase() === found.q.toUpperCase());
    if (exact && exact.stock > 0) {
      add(exact);
      setQuery("");
    }
  }, [found, add]);
  const results = found?.results ?? [];
  const searched = found?.q ?? "";

  const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const given = parseRupiah(cashGiven);
  const change = useMemo(() => (given === null ? null : changeFor(total, given)), [given, total]);
  const errors = answer && "errors" in answer ? (answer.errors as Record<string, string | undefined>) : {};
  const soldOut = answer && "soldOut" in answer ? (answer.soldOut as { variantId: string; available: number }[]) : [];

  return (
    <div className="mx-auto max-w-xl space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.nav.outlet")}</h1>
        <Link to="/admin/outlet/close" className="font-semibold text-sea-800 underline">
          {t("outlet.close.link")}
        </Link>
      </div>

      <section aria-labelledby="find-heading" className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200">
        <h2 id="find-heading" className="text-lg font-semibold">{t("outlet.find")}</h2>
        <search.Form
          method="get"
          action="/admin/outlet?index"
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            lookUp(query);
          }}
        >
          <div className="grow">
            <label htmlFor="q" className="sr-only">{t("outlet.search")}</label>
            <input id="q" name="q" type="search" className="field" value={query} onChange={(event) => setQuery(event.target.value)} placeholder={t("outlet.search")} autoComplete="off" enterKeyHint="search" />
          </div>
          <button type="submit" className="btn bg-sea-700 text-white">{t("outlet.searchButton")}</button>
        </search.Form>
        <BarcodeScanner
          onScan={(value) => {
            setQuery(value);
            lookUp(value);
          }}
        />
        {search.data && results.length === 0 ? <p className="text-sm text-muted">{t("outlet.noResults", { q: searched })}</p> : null}
        {results.length > 0 ? (
          <ul className="divide-y divide-sand-200" aria-label={t("outlet.results")}>
            {results.map((result) => (
              <li key={result.variantId} className="flex items-center justify-between gap-3 py-2">
                <div className="min-w-0">
                  <p className="font-semibold">{result.name}{result.variantName ? ` · ${result.variantName}` : ""}</p>
                  <p className="text-sm text-muted">{result.sku} · {formatRupiah(result.price)} · {result.stock > 0 ? t("outlet.stock", { n: result.stock }) : t("outlet.soldOut")}</p>
                </div>
                <button type="button" className="btn shrink-0 bg-sea-700 text-white disabled:opacity-50" disabled={result.stock <= 0} onClick={() => add(result)} aria-label={t("outlet.addNamed", { name: result.name })}>
                  {t("outlet.add")}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <Form method="post" className="space-y-4 rounded-2xl bg-white p-4 ring-1 ring-sand-200" aria-labelledby="sale-heading">
        <FormToken token={formToken} />
        <h2 id="sale-heading" className="text-lg font-semibold">{t("outlet.sale")}</h2>
        {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
        {lines.length === 0 ? (
          <p className="text-sm text-muted">{t("outlet.empty")}</p>
        ) : (
          <ul className="divide-y divide-sand-200">
            {lines.map((line) => {
              const short = soldOut.find((item) => item.variantId === line.variantId);
              return (
                <li key={line.variantId} className="py-2">
                  <input type="hidden" name="line" value={`${line.variantId}:${line.quantity}`} />
                  <div className="flex items-center justify-between gap-2">
                    <div className="min-w-0">
                      <p className="font-semibold">{line.name}{line.variantName ? ` · ${line.variantName}` : ""}</p>
                      <p className="text-sm text-muted">{formatRupiah(line.price)} · {line.sku}</p>
                    </div>
                    <p className="shrink-0 font-semibold" data-testid="line-total">{formatRupiah(line.price * line.quantity)}</p>
                  </div>
                  <div className="mt-2 flex items-center gap-2">
                    <button type="button" className="btn bg-white ring-1 ring-sand-300" onClick={() => setQuantity(line.variantId, line.quantity - 1)} aria-label={t("outlet.less", { name: line.name })}>−</button>
                    <span className="min-w-8 text-center text-lg font-semibold" aria-label={t("outlet.quantity")}>{line.quantity}</span>
                    <button type="button" className="btn bg-white ring-1 ring-sand-300" onClick={() => setQuantity(line.variantId, line.quantity + 1)} aria-label={t("outlet.more", { name: line.name })}>+</button>
                    <button type="button" className="btn ml-auto text-clay-700" onClick={() => setQuantity(line.variantId, 0)}>{t("outlet.remove")}</button>
                  </div>
                  {short ? <p className="mt-1 text-sm font-medium text-clay-700" role="alert">{t("outlet.onlyLeft", { n: short.available })}</p> : null}
                </li>
              );
            })}
          </ul>
        )}
        <p className="flex items-baseline justify-between border-t border-sand-200 pt-3 text-xl font-bold">
          <span>{t("outlet.total")}</span>
          <output aria-live="polite" data-testid="sale-total">{formatRupiah(total)}</output>
        </p>

        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">{t("outlet.payWith")}</legend>
          <div className="grid grid-cols-2 gap-2">
            <label className={`btn cursor-pointer ring-1 ${method === "cash" ? "bg-sea-50 ring-sea-700" : "bg-white ring-sand-300"}`}>
              <input type="radio" name="method" value="cash" checked={method === "cash"} onChange={() => setMethod("cash")} className="sr-only" />
              {t("outlet.cash")}
            </label>
            <label className={`btn cursor-pointer ring-1 ${method === "qris" ? "bg-sea-50 ring-sea-700" : "bg-white ring-sand-300"} ${qris ? "" : "opacity-50"}`}>
              <input type="radio" name="method" value="qris" checked={method === "qris"} onChange={() => setMethod("qris")} disabled={!qris} className="sr-only" />
              {t("outlet.qris")}
            </label>
          </div>
          {!qris ? <p className="text-xs text-muted">{t("outlet.qrisNotSet")}</p> : null}
        </fieldset>

        {method === "cash" ? (
          <div className="space-y-2">
            <label htmlFor="cashGiven" className="block text-sm font-semibold">{t("outlet.cashGiven")}</label>
            <input
              id="cashGiven"
              name="cashGiven"
              className={`field text-lg ${errors.cashGiven ? "border-clay-600" : ""}`}
              inputMode="numeric"
              autoComplete="off"
              value={cashGiven}
              onChange={(event) => setCashGiven(event.target.value)}
              aria-invalid={errors.cashGiven ? true : undefined}
              aria-describedby={errors.cashGiven ? "cashGiven-error change" : "change"}
            />
            {errors.cashGiven ? <p id="cashGiven-error" className="text-sm font-medium text-clay-700">{t(errors.cashGiven as MessageKey)}</p> : null}
            <div className="flex flex-wrap gap-2">
              {[total, 50_000, 100_000].filter((amount, index, all) => amount > 0 && all.indexOf(amount) === index).map((amount) => (
                <button key={amount} type="button" className="btn bg-white text-sm ring-1 ring-sand-300" onClick={() => setCashGiven(String(amount))}>
                  {amount === total ? t("outlet.exact") : formatRupiah(amount)}
                </button>
              ))}
            </div>
            <p id="change" className="text-lg" aria-live="polite">
              {change === null ? null : change.ok ? (
                <>{t("outlet.change")} <strong data-testid="change">{formatRupiah(change.change)}</strong></>
              ) : (
                <span className="font-medium text-clay-700">{t("outlet.error.notEnoughCash")}</span>
              )}
            </p>
            <SubmitButton className="w-full text-lg">{t("outlet.takeCash")}</SubmitButton>
          </div>
        ) : qris === "static" ? (
          <div className="space-y-3 text-center">
            <img src="/admin/outlet/qris" alt={t("outlet.qrisImage")} width={320} height={320} className="mx-auto w-full max-w-xs rounded-xl ring-1 ring-sand-200" />
            <p className="text-lg">{t("outlet.qrisAsk", { total: formatRupiah(total) })}</p>
            <SubmitButton className="w-full text-lg">{t("outlet.qrisReceived")}</SubmitButton>
          </div>
        ) : (
          <SubmitButton className="w-full text-lg">{t("outlet.qrisShow")}</SubmitButton>
        )}
      </Form>
    </div>
  );
}
