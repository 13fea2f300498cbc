import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SelectField, SubmitButton, TextField } from "~/components/forms/field";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { costErrors, recordSkuCost, skuCostSchema, skusWithCost } from "~/modules/ledger/costs.server";
import { parseForm, refused } from "~/web/forms.server";
import { requireMemberUser } from "~/web/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, member } = await requireMemberUser(request, context);
  return {
    skus: await skusWithCost(context.db, cooperative.id, member.memberId),
    saved: new URL(request.url).searchParams.get("saved") === "1",
    today: new Date().toISOString().slice(0, 10),
  };
}

/** Records a cost for one of the member's own SKUs; another business's SKU is not found (404). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, member, actor } = await requireMemberUser(request, context);
  const formData = await request.formData();
  const form = parseForm(skuCostSchema, formData);
  if (!form.ok) return form.answer;
  const recorded = await recordSkuCost(context.db, { ...form.data, cooperativeId: cooperative.id, memberId: member.memberId, userId: actor.userId });
  if (!recorded.ok) return refused(formData, costErrors, recorded.error);
  return redirect("/member/keuangan/hpp?saved=1");
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("money.cost.title")} · ${root.cooperative.name}`, description: t("money.cost.intro"), noindex: true }));

export default function MemberCosts() {
  const { skus, saved, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const values: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  const error = (name: string) => (errors[name] ? t(errors[name] as MessageKey) : undefined);
  const day = (iso: string) => new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  return (
    <div className="max-w-3xl space-y-6">
      <Link to="/member/keuangan" className="inline-flex min-h-11 items-center font-semibold text-sea-700 underline">
        ← {t("money.back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("money.cost.title")}</h1>
        <p className="text-muted">{t("money.cost.intro")}</p>
      </header>
      {saved && !result ? <Alert tone="success">{t("money.cost.saved")}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
      {skus.length === 0 ? (
        <p className="text-muted">{t("money.cost.empty")}</p>
      ) : (
        <>
          <Form method="post" noValidate className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
            <SelectField
              name="variantId"
              label={t("money.cost.variant")}
              placeholder={t("money.cost.choose")}
              defaultValue={values.variantId ?? ""}
              error={error("variantId")}
              options={skus.map((sku) => ({ value: sku.variantId, label: [sku.productName, sku.variantName, sku.sku].filter(Boolean).join(" · ") }))}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField name="materials" label={t("money.cost.materials")} inputMode="numeric" defaultValue={values.materials ?? ""} error={error("materials")} />
              <TextField name="packaging" label={t("money.cost.packaging")} inputMode="numeric" defaultValue={values.packaging ?? ""} error={error("packaging")} />
            </div>
            <TextField name="effectiveFrom" type="date" label={t("money.cost.from")} defaultValue={values.effectiveFrom ?? today} error={error("effectiveFrom")} />
            <SubmitButton>{t("money.cost.save")}</SubmitButton>
          </Form>
          <section aria-labelledby="costs-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
            <h2 id="costs-heading" className="font-semibold">{t("money.cost.current")}</h2>
            <ul className="mt-2 divide-y divide-sand-200 text-sm">
              {skus.map((sku) => (
                <li key={sku.variantId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <span className="block font-medium">{[sku.productName, sku.variantName].filter(Boolean).join(" · ")}</span>
                    <span className="font-mono text-xs text-muted">{sku.sku}</span>
                  </span>
                  <span className={sku.cost ? "" : "text-clay-700"}>
                    {sku.cost
                      ? t("money.cost.since", { amount: formatRupiah(sku.cost.materials + sku.cost.packaging), date: day(sku.cost.effectiveFrom) })
                      : t("money.cost.none")}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
