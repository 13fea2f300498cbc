import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CoverThumbnail } from "~/components/responsive-image";
import { EmptyState } from "~/components/empty-state";
import { Alert, SubmitButton } from "~/components/forms/field";
import { FormToken } from "~/components/forms/form-token";
import { LOW_STOCK } from "~/modules/catalog/shop/stock-shown";
import { parseForm, refused, submitFormOnce, unclaimed } from "~/web/forms.server";
import { claimSubmission, FORM_TOKEN_FIELD, formContent, newFormToken } from "~/lib/form-token.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { listMemberProducts, type ListingStatus } from "~/modules/catalog/listings/member-products.server";
import { archiveProduct, catalogErrors, duplicateProduct } from "~/modules/catalog/listings/listings.server";
import { adjustmentReasons, signedDelta } from "~/modules/inventory/adjustments";
import { adjustStock, inventoryErrors } from "~/modules/inventory/stock.server";
import { uuidPattern } from "~/lib/ids";
import { requireMemberUser } from "~/web/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, member } = await requireMemberUser(request, context);
  return { products: await listMemberProducts(context.db, cooperative.id, member.memberId, resolveLocale(request)), formToken: newFormToken() };
}

const adjustSchema = z.object({
  variant: z.string().uuid("stock.error.variant"),
  reason: z.enum(adjustmentReasons, { error: "stock.error.reason" }),
  delta: z.coerce
    .number({ error: "stock.error.delta" })
    .int("stock.error.delta")
    .refine((value) => value !== 0 && Math.abs(value) <= 100_000, "stock.error.delta"),
  note: z.string().trim().max(200, "member.error.tooLong").default(""),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, member, actor } = await requireMemberUser(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "duplicate") {
    const productId = String(formData.get("product") ?? "");
    if (!uuidPattern.test(productId)) return refused(formData, catalogErrors, "not_found");
    // A second post of the same button makes no second copy: it goes where the first went.
    const once = await claimSubmission<{ location: string }>(
      context.db,
      { cooperativeId: cooperative.id, purpose: "product.duplicate", userId: actor.userId, subject: productId },
      formData.get(FORM_TOKEN_FIELD),
      { content: formContent(formData) },
    );
    if (once.state === "repeat") return redirect(once.result.location);
    if (once.state !== "first") return unclaimed(formData, once.state);
    try {
      const copied = await context.db.transaction(async (tx) => {
        const result = await duplicateProduct(tx, { cooperativeId: cooperative.id, memberId: member.memberId, productId });
        if (result.ok) await once.finish({ location: `/member/products/${result.productId}` }, tx);
        return result;
      });
      if (!copied.ok) {
        await once.abandon();
        return refused(formData, catalogErrors, copied.error);
      }
      return redirect(`/member/products/${copied.productId}`);
    } catch (error) {
      await once.abandon();
      throw error;
    }
  }
  if (intent === "archive") {
    const productId = String(formData.get("product") ?? "");
    const result = uuidPattern.test(productId)
      ? await archiveProduct(context.db, { cooperativeId: cooperative.id, memberId: member.memberId, productId, actorUserId: actor.userId })
      : ({ ok: false, error: "not_found" } as const);
    if (!result.ok) return refused(formData, catalogErrors, result.error);
    return { ok: true as const, message: "member.products.archived" };
  }
  // A second post of the same adjustment (a double tap, a resend) changes the stock once and gets the first answer;
  // another adjustment sent before the page had its fresh token is refused, not taken for the first.
  const key = { cooperativeId: cooperative.id, purpose: "stock.adjust", userId: actor.userId, subject: String(formData.get("variant") ?? "") };
  const sent = await submitFormOnce(context.db, key, formData, async (tx) => {
    const form = parseForm(adjustSchema, formData);
    if (!form.ok) return { refused: form.answer };
    const result = await adjustStock(tx, {
      cooperativeId: cooperative.id,
      variantId: form.data.variant,
      delta: signedDelta(form.data.reason, form.data.delta),
      reason: form.data.reason,
      note: form.data.note,
      actorUserId: actor.userId,
      memberId: member.memberId,
    });
    if (!result.ok) return { refused: refused(formData, inventoryErrors, result.error) };
    return { done: { variant: form.data.variant, stock: result.stock } };
  });
  if (!sent.ok) return sent.answer;
  return { ok: true as const, ...sent.result };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("member.nav.products")} · ${root.cooperative.name}`, description: t("member.nav.products"), noindex: true }));

const badge: Record<ListingStatus, string> = {
  live: "bg-sea-700 text-white",
  draft: "bg-sand-200 text-ink",
  in_review: "bg-amber-100 text-amber-900",
  changes_requested: "bg-clay-500/15 text-clay-700",
  approved: "bg-sea-50 text-sea-800",
  rejected: "bg-clay-600 text-white",
  archived: "bg-sand-100 text-muted",
  taken_down: "bg-clay-600 text-white",
};

const savedMessages: Record<string, "member.products.savedDraft" | "member.products.savedSubmitted" | "member.products.savedLive"> = {
  draft: "member.products.savedDraft",
  submitted: "member.products.savedSubmitted",
  live: "member.products.savedLive",
};

export default function MemberProducts() {
  const { products, formToken } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const failedVariant = result && "values" in result ? result.values.variant : undefined;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("member.nav.products")}</h1>
        <Link to="/member/products/new" className="btn bg-sea-700 text-white hover:bg-sea-800">+ {t("member.products.new")}</Link>
      </div>
      {saved ? <Alert tone="success">{t(savedMessages[saved] ?? "member.products.savedDraft")}</Alert> : null}
      {result && "stock" in result && result.stock !== undefined ? <Alert tone="success">{t("stock.saved", { stock: result.stock })}</Alert> : null}
      {result && "message" in result ? <Alert tone="success">{t("member.products.archived")}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as "form.error.expired")}</Alert> : null}
      {products.length === 0 ? (
        <EmptyState title={t("member.products.empty")} body={t("member.products.emptyBody")} />
      ) : (
        <ul className="space-y-3">
          {products.map((product) => (
            <li key={product.id} id={`product-${product.id}`} className="scroll-mt-4 rounded-2xl bg-white p-4 ring-1 ring-sand-200">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="flex min-w-0 items-start gap-3">
                  <CoverThumbnail image={product.cover} />
                  <div className="min-w-0">
                    <h2 className="font-semibold">
                      {product.status === "live" ? <Link to={`/p/${product.slug}`} className="underline-offset-2 hover:underline">{product.name}</Link> : product.name}
                    </h2>
                    <p className="text-sm text-muted">{t("member.products.sold", { count: product.unitsSold })}</p>
                  </div>
                </div>
                <div className="flex flex-wrap items-center gap-1">
                  <Link to={`/member/products/${product.id}`} className="mr-2 inline-flex min-h-11 items-center text-sm font-semibold text-sea-700 underline">{t("member.products.edit")}<span className="sr-only">: {product.name}</span></Link>
                  <span className={`rounded-full px-2.5 py-1 text-xs font-semibold ${badge[product.status]}`}>{t(`listing.status.${product.status}`)}</span>
                  {product.pending ? <span className={`rounded-full px-2.5 py-1 text-xs font-semibold ${badge[product.pending]}`}>{t("member.products.newVersion", { state: t(`listing.status.${product.pending}`) })}</span> : null}
                </div>
              </div>
              {product.takenDownReason !== null ? (
                <p role="note" className="mt-3 rounded-xl bg-clay-500/10 p-3 text-sm text-clay-700">
                  <span className="font-semibold">{t("member.products.takenDown")}</span> {product.takenDownReason}
                </p>
              ) : null}
              <ul className="mt-3 divide-y divide-sand-200">
                {product.variants.map((variant) => (
                  <li key={variant.id} className="py-3">
                    <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                      <span>
                        <span className="font-mono">{variant.sku}</span>
                        {variant.name ? ` · ${variant.name}` : ""} · {formatRupiah(variant.price)}
                      </span>
                      <span className={`font-semibold ${variant.stock === 0 ? "text-clay-700" : variant.stock <= LOW_STOCK ? "text-clay-600" : ""}`}>
                        {t("member.products.stock", { count: variant.stock })}
                      </span>
                    </div>
                    <details className="mt-2" open={failedVariant === variant.id}>
                      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-sea-700">{t("stock.adjust")}</summary>
                      <Form method="post" className="mt-2 grid gap-2 sm:grid-cols-[10rem_7rem_1fr_auto] sm:items-end" noValidate>
                        <input type="hidden" name="variant" value={variant.id} />
                        <FormToken token={formToken} />
                        <label className="text-sm font-semibold">
                          {t("stock.reason")}
                          <select name="reason" className="field mt-1 font-normal" defaultValue="received">
                            {["received", "damaged", "correction"].map((reason) => (
                              <option key={reason} value={reason}>{t(`stock.reason.${reason as "received"}`)}</option>
                            ))}
                          </select>
                        </label>
                        <label className="text-sm font-semibold">
                          {t("stock.amount")}
                          <input name="delta" type="number" inputMode="numeric" step={1} required className="field mt-1 font-normal" aria-invalid={failedVariant === variant.id && errors.delta ? true : undefined} aria-describedby={failedVariant === variant.id && errors.delta ? `delta-error-${variant.id}` : undefined} />
                        </label>
                        <label className="text-sm font-semibold">
                          {t("stock.note")}
                          <input name="note" maxLength={200} className="field mt-1 font-normal" />
                        </label>
                        <SubmitButton>{t("form.save")}</SubmitButton>
                        {failedVariant === variant.id && errors.delta ? (
                          <p id={`delta-error-${variant.id}`} className="text-sm font-medium text-clay-700 sm:col-span-4">{t(errors.delta as "stock.error.delta")}</p>
                        ) : null}
                      </Form>
                    </details>
                  </li>
                ))}
              </ul>
              {product.status === "archived" ? null : (
                <Form method="post" className="mt-2 flex flex-wrap gap-2 border-t border-sand-200 pt-3">
                  <input type="hidden" name="product" value={product.id} />
                  <FormToken token={formToken} />
                  <SubmitButton intent="duplicate" tone="quiet">{t("member.products.duplicate")}</SubmitButton>
                  <SubmitButton intent="archive" tone="quiet">{t("member.products.archive")}</SubmitButton>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
