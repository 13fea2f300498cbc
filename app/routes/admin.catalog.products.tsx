import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { Alert, SubmitButton } from "~/components/forms/field";
import { Pagination } from "~/components/listing/pagination";
import { ResponsiveImage } from "~/components/responsive-image";
import type { MessageKey } from "~/lib/i18n/core";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { catalogAdminErrors } from "~/modules/catalog/admin/errors";
import { featureSchema, productIdSchema, takeDownSchema } from "~/modules/catalog/admin/forms";
import { adminProductFilters, type AdminProduct, type AdminProductFilter } from "~/modules/catalog/admin/product-filters";
import {
  featureProduct,
  listAdminProducts,
  MAX_FEATURED,
  reorderFeatured,
  restoreProduct,
  takeDownProduct,
  unfeatureProduct,
} from "~/modules/catalog/admin/products.server";
import { invalid, parseForm, refused } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";

function readQuery(url: URL) {
  const filter = url.searchParams.get("show") ?? "all";
  const page = Number(url.searchParams.get("page") ?? "1");
  return {
    q: (url.searchParams.get("q") ?? "").slice(0, 100),
    filter: (adminProductFilters as readonly string[]).includes(filter) ? (filter as AdminProductFilter) : "all",
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "catalog.manage");
  const query = readQuery(new URL(request.url));
  return { query, products: await listAdminProducts(context.db, cooperative.id, query, resolveLocale(request)), maxFeatured: MAX_FEATURED };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "catalog.manage");
  const formData = await request.formData();
  const act = { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp };
  const intent = formData.get("intent");
  const answer = async (result: { ok: true } | { ok: false; error: keyof typeof catalogAdminErrors }, message: MessageKey) =>
    result.ok ? { ok: true as const, message } : refused(formData, catalogAdminErrors, result.error);
  if (intent === "take-down") {
    const form = parseForm(takeDownSchema, formData);
    if (!form.ok) return form.answer;
    return answer(await takeDownProduct(context.db, act, form.data.productId, form.data.reason), "catalogAdmin.products.done.takenDown");
  }
  if (intent === "feature" || intent === "unfeature" || intent === "reorder" || intent === "restore") {
    const form = parseForm(intent === "reorder" ? featureSchema : productIdSchema, formData);
    if (!form.ok) return form.answer;
    const { productId } = form.data;
    if (intent === "feature") return answer(await featureProduct(context.db, act, productId), "catalogAdmin.products.done.featured");
    if (intent === "unfeature") return answer(await unfeatureProduct(context.db, act, productId), "catalogAdmin.products.done.unfeatured");
    if (intent === "restore") return answer(await restoreProduct(context.db, act, productId), "catalogAdmin.products.done.restored");
    const direction = formData.get("direction") === "down" ? "down" : "up";
    return answer(await reorderFeatured(context.db, act, productId, direction), "catalogAdmin.products.done.reordered");
  }
  return invalid(formData, { form: "error.badRequest.body" }, 400);
}

const badge: Record<AdminProduct["status"], string> = {
  live: "bg-sea-700 text-white",
  taken_down: "bg-clay-600 text-white",
  archived: "bg-sand-100 text-muted",
  hidden: "bg-sand-200 text-ink",
  draft: "bg-sand-200 text-ink",
  in_review: "bg-amber-100 text-amber-900",
  changes_requested: "bg-clay-500/15 text-clay-700",
  approved: "bg-sea-50 text-sea-800",
  rejected: "bg-clay-600 text-white",
};

function statusLabel(status: AdminProduct["status"]): MessageKey {
  return status === "hidden" ? "catalogAdmin.products.status.hidden" : `listing.status.${status}`;
}

function ProductRow(props: { product: AdminProduct; errors: Record<string, string | undefined>; typedReason: string | undefined }) {
  const { product, errors } = props;
  const { t } = useI18n();
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="productId" value={product.id} />
    </>
  );
  const quiet = "btn min-h-11 bg-white px-3 text-sm ring-1 ring-sand-300 hover:bg-sand-100";
  return (
    <li id={`product-${product.id}`} className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200">
      <div className="flex items-start gap-3">
        {product.cover ? <ResponsiveImage image={product.cover} alt="" sizes="4rem" className="h-16 w-16 shrink-0 rounded-xl object-cover" /> : <span className="h-16 w-16 shrink-0 rounded-xl bg-sand-100" />}
        <div className="min-w-0 flex-1">
          <h2 className="font-semibold">
            {product.status === "live" ? <Link to={`/p/${product.slug}`} className="underline-offset-2 hover:underline">{product.name}</Link> : product.name}
          </h2>
          <p className="text-sm text-muted">{product.producer}</p>
          <p className="mt-1 flex flex-wrap gap-1">
            <span className={`rounded-full px-2.5 py-1 text-xs font-semibold ${badge[product.status]}`}>{t(statusLabel(product.status))}</span>
            {product.featuredPosition !== null ? (
              <span className="rounded-full bg-amber-100 px-2.5 py-1 text-xs font-semibold text-amber-900">{t("catalogAdmin.products.featured", { position: product.featuredPosition })}</span>
            ) : null}
          </p>
        </div>
      </div>
      {product.takenDown ? <p className="rounded-xl bg-clay-500/10 p-3 text-sm text-clay-700">{t("catalogAdmin.products.takenDownBecause", { reason: product.takenDown.reason })}</p> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {product.featuredPosition !== null ? (
          <>
            <Form method="post" className="flex gap-1">
              {hidden("reorder")}
              <button type="submit" name="direction" value="up" className={quiet} aria-label={`${t("catalogAdmin.categories.up")}: ${product.name}`}>↑</button>
              <button type="submit" name="direction" value="down" className={quiet} aria-label={`${t("catalogAdmin.categories.down")}: ${product.name}`}>↓</button>
            </Form>
            <Form method="post">
              {hidden("unfeature")}
              <button type="submit" className={quiet}>{t("catalogAdmin.products.unfeature")}<span className="sr-only">: {product.name}</span></button>
            </Form>
          </>
        ) : product.status === "live" ? (
          <Form method="post">
            {hidden("feature")}
            <button type="submit" className={quiet}>{t("catalogAdmin.products.feature")}<span className="sr-only">: {product.name}</span></button>
          </Form>
        ) : null}
        {product.takenDown ? (
          <Form method="post">
            {hidden("restore")}
            <button type="submit" className={quiet}>{t("catalogAdmin.products.restore")}<span className="sr-only">: {product.name}</span></button>
          </Form>
        ) : null}
      </div>
      {product.takenDown || product.status === "archived" ? null : (
        <details open={Boolean(errors.reason)} className="rounded-xl ring-1 ring-clay-500/30">
          <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-semibold text-clay-700">
            {t("catalogAdmin.products.takeDown")}<span className="sr-only">: {product.name}</span>
          </summary>
          <Form method="post" className="space-y-2 p-3" noValidate>
            {hidden("take-down")}
            <label htmlFor={`reason-${product.id}`} className="block text-sm font-semibold">{t("catalogAdmin.products.reason")}</label>
            <textarea
              id={`reason-${product.id}`}
              name="reason"
              rows={2}
              required
              defaultValue={props.typedReason}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={`reason-${product.id}-hint${errors.reason ? ` reason-${product.id}-error` : ""}`}
              className={`field ${errors.reason ? "border-clay-600" : ""}`}
            />
            <p id={`reason-${product.id}-hint`} className="text-xs text-muted">{t("catalogAdmin.products.reasonHint")}</p>
            {errors.reason ? <p id={`reason-${product.id}-error`} className="text-sm font-medium text-clay-700">{t(errors.reason as MessageKey)}</p> : null}
            <SubmitButton intent="take-down" tone="danger">{t("catalogAdmin.products.takeDown")}</SubmitButton>
          </Form>
        </details>
      )}
    </li>
  );
}

export default function CatalogProducts() {
  const { query, products, maxFeatured } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const values: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  const hrefFor = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  return (
    <div className="max-w-3xl space-y-5">
      <p className="text-muted">{t("catalogAdmin.products.intro")} {t("catalogAdmin.products.featuredLimit", { max: maxFeatured })}</p>
      <Form method="get" role="search" className="grid gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-end">
        <div className="space-y-1">
          <label htmlFor="q" className="block text-sm font-semibold">{t("catalogAdmin.products.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q} className="field" />
        </div>
        <div className="space-y-1">
          <label htmlFor="show" className="block text-sm font-semibold">{t("catalogAdmin.products.filter")}</label>
          <select id="show" name="show" defaultValue={query.filter} className="field">
            {adminProductFilters.map((filter) => (
              <option key={filter} value={filter}>{t(`catalogAdmin.products.filter.${filter}`)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn bg-sea-700 text-white hover:bg-sea-800">{t("catalogAdmin.products.searchButton")}</button>
      </Form>
      {result && "message" in result ? <Alert tone="success">{t(result.message)}</Alert> : null}
      {errors.productId ? <Alert tone="error">{t(errors.productId as MessageKey)}</Alert> : null}
      <p className="text-sm text-muted" aria-live="polite">{t("catalogAdmin.products.count", { count: products.total })}</p>
      {products.items.length === 0 ? (
        <EmptyState title={t("catalogAdmin.products.empty")} />
      ) : (
        <ul className="space-y-3">
          {products.items.map((product) => (
            <ProductRow
              key={product.id}
              product={product}
              errors={values.productId === product.id ? errors : {}}
              typedReason={values.productId === product.id ? values.reason : undefined}
            />
          ))}
        </ul>
      )}
      <Pagination page={products.page} pageCount={products.pageCount} hrefFor={hrefFor} />
    </div>
  );
}
