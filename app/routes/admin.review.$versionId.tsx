import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SubmitButton, TextAreaField } from "~/components/forms/field";
import { ResponsiveImage } from "~/components/responsive-image";
import { invalid, refused } from "~/web/forms.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { decideListing } from "~/flows/decide-listing.server";
import type { Checklist } from "~/modules/catalog/listings/checklist";
import { catalogErrors } from "~/modules/catalog/listings/listings.server";
import { getReviewItem } from "~/modules/catalog/listings/review.server";
import { requireAbility } from "~/web/guards.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "listing.review");
  const item = await getReviewItem(context.db, cooperative.id, params.versionId ?? "", resolveLocale(request));
  if (!item) throw notFound();
  return { item };
}

const decisions = { approve: "approve", "request-changes": "request_changes", reject: "reject" } as const;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "listing.review");
  const formData = await request.formData();
  const item = await getReviewItem(context.db, cooperative.id, params.versionId ?? "", resolveLocale(request));
  if (!item) throw notFound();
  const intent = String(formData.get("intent") ?? "") as keyof typeof decisions;
  if (!(intent in decisions)) return invalid(formData, { form: "error.badRequest.body" }, 400);
  const checklist: Checklist = {};
  for (const entry of item.checklist) {
    // An item left alone stays undecided (null); the module's rule decides whether the decision may go on without it.
    const verdict = formData.get(`check.${entry}`) ?? "";
    if (verdict !== "pass" && verdict !== "change" && verdict !== "") return invalid(formData, { form: "review.error.checklist" });
    checklist[entry] = { pass: verdict === "" ? null : verdict === "pass", comment: String(formData.get(`comment.${entry}`) ?? "").trim().slice(0, 500) };
  }
  const comment = String(formData.get("comment") ?? "").trim().slice(0, 2000);
  const result = await decideListing(context.db, {
    cooperativeId: cooperative.id,
    versionId: item.versionId,
    curatorUserId: actor.userId,
    action: decisions[intent],
    checklist,
    comment,
    ipAddress: context.clientIp,
  });
  if (!result.ok) {
    if (result.error === "approve_undecided") return refused(formData, catalogErrors, result.error, { undecided: "undecided" in result ? result.undecided : [] });
    return refused(formData, catalogErrors, result.error);
  }
  return redirect(`/admin/review?decided=${intent}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ data, root, t }) => ({ title: `${t("review.title")}: ${data.item.fields[0]?.value} · ${root.cooperative.name}`, description: t("review.title"), noindex: true }));

export default function ReviewItem() {
  const { item } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: Record<string, string | undefined> = result?.values ?? {};
  const undecided = new Set<string>(result && "undecided" in result ? (result.undecided as string[]) : []);
  const decidable = item.state === "in_review";
  const itemName = (entry: string) => t(`review.check.${entry}` as "review.check.photos");
  return (
    <div className="space-y-6">
      <Link to="/admin/review" className="text-sm font-semibold text-sea-700 underline">← {t("review.title")}</Link>
      <div>
        <h1 className="text-2xl font-bold">{item.fields[0]?.value}</h1>
        <p className="text-muted">{item.producer} · {item.isEdit ? t("review.kind.edit") : t("review.kind.new")} · {t(`listing.status.${item.state as "in_review"}`)}</p>
      </div>
      {errors.form ? (
        <Alert tone="error">
          {undecided.size > 0 ? t("review.error.undecided", { items: [...undecided].map(itemName).join(", ") }) : t(errors.form as "review.error.decided")}
        </Alert>
      ) : null}
      <section aria-labelledby="photos-heading">
        <h2 id="photos-heading" className="mb-2 font-semibold">{t("product.section.photos")}</h2>
        <ul className="grid gap-3 sm:grid-cols-3">
          {item.images.map((image, index) => (
            <li key={image.src}>
              <a href={image.src.replace(/w\d+\.webp$/, "w1280.webp")} target="_blank" rel="noreferrer" className="block overflow-hidden rounded-xl ring-1 ring-sand-200">
                <ResponsiveImage image={image} sizes="(min-width: 40rem) 33vw, 100vw" alt={t(`imageRole.${image.role as "product"}`)} className="aspect-square w-full object-cover" />
              </a>
              <p className="mt-1 text-center text-sm font-medium">
                {index === 0 ? `${t("product.photos.cover")} · ` : ""}
                {t(`imageRole.${image.role as "product"}`)}
                {image.isNew ? <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-clay-700">{t("review.photoNew")}</span> : null}
              </p>
            </li>
          ))}
        </ul>
        {item.photosRemoved > 0 ? <p className="mt-2 text-sm text-clay-700">{t("review.photosRemoved", { count: item.photosRemoved })}</p> : null}
      </section>
      <ReviewFacts isEdit={item.isEdit} fields={item.fields} />
      {decidable ? (
        <Form method="post" className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <h2 className="font-semibold">{t("review.checklist")}</h2>
          <p className="text-sm text-muted">{t("review.checklistHint")}</p>
          {item.checklist.map((entry) => (
            <fieldset
              key={entry}
              aria-describedby={undecided.has(entry) ? `undecided-${entry}` : undefined}
              className={`rounded-xl p-3 ${undecided.has(entry) ? "bg-clay-500/10 ring-1 ring-clay-500/40" : "bg-sand-50"}`}
            >
              <legend className="px-1 text-sm font-semibold">{itemName(entry)}</legend>
              {undecided.has(entry) ? <p id={`undecided-${entry}`} className="text-sm font-medium text-clay-700">{t("review.error.itemUndecided")}</p> : null}
              <div className="mt-1 flex flex-wrap gap-4">
                {(["pass", "change"] as const).map((verdict) => (
                  <label key={verdict} className="flex min-h-11 items-center gap-2 text-sm">
                    <input type="radio" name={`check.${entry}`} value={verdict} defaultChecked={values[`check.${entry}`] === verdict} className="h-5 w-5 accent-sea-700" />
                    {t(`review.verdict.${verdict}`)}
                  </label>
                ))}
              </div>
              <label className="mt-1 block text-xs text-muted">
                {t("review.itemComment")}
                <input name={`comment.${entry}`} defaultValue={values[`comment.${entry}`]} maxLength={500} className="field mt-1 text-sm" />
              </label>
            </fieldset>
          ))}
          <TextAreaField name="comment" label={t("review.comment")} hint={t("review.commentHint")} defaultValue={values.comment} rows={3} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton intent="approve">{t("review.approve")}</SubmitButton>
            <SubmitButton intent="request-changes" tone="quiet">{t("review.requestChanges")}</SubmitButton>
            <SubmitButton intent="reject" tone="danger">{t("review.reject")}</SubmitButton>
          </div>
        </Form>
      ) : null}
    </div>
  );
}

type FactRow = { field: string; value: string; live: string | null; changed: boolean };

/**
 * The version's fields. For an edit, what changed comes first, live and proposed side by side (stacked
 * on a phone); what stayed the same folds away. For a new product, every field once.
 */
function ReviewFacts(props: { isEdit: boolean; fields: FactRow[] }) {
  const { t } = useI18n();
  const label = (field: string) => t(`review.fields.${field}` as "review.fields.name_id");
  const shown = (row: FactRow, value: string | null) =>
    !value ? "–" : row.field === "registration_type" ? t(`product.registration.${value}` as "product.registration.pirt") : value;
  const changed = props.fields.filter((row) => row.changed);
  const same = props.fields.filter((row) => !row.changed);
  const list = (rows: FactRow[]) => (
    <dl className="divide-y divide-sand-200 text-sm">
      {rows.map((row) => (
        <div key={row.field} className="grid gap-1 px-4 py-2 sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium text-muted">{label(row.field)}</dt>
          <dd className="whitespace-pre-line">{shown(row, row.value)}</dd>
        </div>
      ))}
    </dl>
  );
  if (!props.isEdit) {
    return (
      <section aria-labelledby="facts-heading" className="rounded-2xl bg-white pb-2 ring-1 ring-sand-200">
        <h2 id="facts-heading" className="px-4 pt-4 font-semibold">{t("review.facts")}</h2>
        {list(props.fields)}
      </section>
    );
  }
  return (
    <section aria-labelledby="facts-heading" className="rounded-2xl bg-white pb-2 ring-1 ring-sand-200">
      <h2 id="facts-heading" className="px-4 pt-4 font-semibold">{t("review.changedFields", { count: changed.length })}</h2>
      {changed.length === 0 ? <p className="px-4 py-2 text-sm text-muted">{t("review.noFieldChanged")}</p> : null}
      <ul className="divide-y divide-sand-200 text-sm">
        {changed.map((row) => (
          <li key={row.field} className="space-y-2 px-4 py-3">
            <h3 className="font-semibold">{label(row.field)}</h3>
            <div className="grid gap-2 sm:grid-cols-2">
              <div className="rounded-lg bg-sand-50 p-2">
                <p className="text-xs font-semibold uppercase tracking-wide text-muted">{t("review.live")}</p>
                <p className="whitespace-pre-line text-muted">{shown(row, row.live)}</p>
              </div>
              <div className="rounded-lg bg-amber-50 p-2 ring-1 ring-amber-200">
                <p className="text-xs font-semibold uppercase tracking-wide text-clay-700">{t("review.proposed")}</p>
                <p className="whitespace-pre-line">{shown(row, row.value)}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
      {same.length > 0 ? (
        <details className="border-t border-sand-200">
          <summary className="flex min-h-11 cursor-pointer items-center px-4 text-sm font-semibold text-sea-700">{t("review.sameFields", { count: same.length })}</summary>
          {list(same)}
        </details>
      ) : null}
    </section>
  );
}
