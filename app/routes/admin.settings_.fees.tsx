import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { SettingsHeader } from "~/components/settings-header";
import { notFound } from "~/lib/http.server";
import { localized, type MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { basisPointsToPercent } from "~/lib/percent";
import { pageMeta } from "~/lib/route-meta";
import { CheckboxField } from "~/components/forms/checkbox-field";
import { formatRupiah } from "~/lib/money";
import { feeErrors, feeOverrides, feeOverrideSchema, setFeeOverride } from "~/modules/ledger/fees.server";
import { getPayoutRules, payoutRulesSchema, updatePayoutRules } from "~/modules/tenancy/settings.server";
import { parseForm, refused } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";

/** The fee per category and per member business, over the cooperative's default (manager only, audited). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "settings.manage");
  const [overrides, payoutRules] = await Promise.all([feeOverrides(context.db, cooperative.id), getPayoutRules(context.db, cooperative.id)]);
  if (!overrides) throw notFound();
  const saved = new URL(request.url).searchParams.get("saved");
  return { ...overrides, payoutRules, saved: saved === "1", payoutRulesSaved: saved === "payouts" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "settings.manage");
  const formData = await request.formData();
  if (formData.get("intent") === "payout-rules") {
    // The payout rules (decision 34): minimum amount and four eyes, audited before and after.
    const rules = parseForm(payoutRulesSchema, formData);
    if (!rules.ok) return rules.answer;
    await updatePayoutRules(context.db, { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp, rules: rules.data });
    return redirect("/admin/settings/fees?saved=payouts");
  }
  const form = parseForm(feeOverrideSchema, formData);
  if (!form.ok) return form.answer;
  const saved = await setFeeOverride(context.db, { ...form.data, cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp });
  if (!saved.ok) return refused(formData, feeErrors, saved.error);
  return redirect("/admin/settings/fees?saved=1");
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("fees.title")} · ${root.cooperative.name}`, description: t("fees.title"), noindex: true }));

export default function FeeSettings() {
  const { cooperativeBp, categories, members, saved, payoutRules, payoutRulesSaved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const separator = locale === "en" ? "." : ",";
  const failed = result && "errors" in result && result.values.intent !== "payout-rules" ? result : null;
  const rulesFailed = result && "errors" in result && result.values.intent === "payout-rules" ? (result as { errors: Record<string, string | undefined>; values: Record<string, string> }) : null;
  const row = (target: "category" | "member", id: string, name: string, feeRateBp: number | null) => {
    const mine = failed?.values.target === target && failed.values.id === id;
    const errors: Record<string, string | undefined> = mine ? failed.errors : {};
    const message = errors.rate ?? errors.id ?? errors.form;
    return (
      <li key={id}>
        <Form method="post" noValidate className="flex flex-wrap items-end gap-3 py-3">
          <input type="hidden" name="target" value={target} />
          <input type="hidden" name="id" value={id} />
          <div className="min-w-0 flex-1">
            <TextField
              name="rate"
              label={t("fees.rate", { name })}
              hint={t("fees.usesDefault")}
              inputMode="decimal"
              defaultValue={mine ? failed.values.rate : feeRateBp === null ? "" : basisPointsToPercent(feeRateBp, separator)}
              error={message ? t(message as MessageKey) : undefined}
            />
          </div>
          <SubmitButton tone="quiet">{t("fees.save")}</SubmitButton>
        </Form>
      </li>
    );
  };
  return (
    <div className="max-w-3xl space-y-6">
      <SettingsHeader title={t("fees.title")} intro={t("fees.intro", { rate: basisPointsToPercent(cooperativeBp, separator) })} />
      {saved && !failed ? <Alert tone="success">{t("fees.saved")}</Alert> : null}
      <section aria-labelledby="payout-rules" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="payout-rules" className="text-lg font-semibold">{t("payoutRules.title")}</h2>
        <p className="text-sm text-muted">{t("payoutRules.intro")}</p>
        {payoutRulesSaved && !result ? <Alert tone="success">{t("payoutRules.saved")}</Alert> : null}
        <Form method="post" noValidate className="mt-3 space-y-4">
          <input type="hidden" name="intent" value="payout-rules" />
          <TextField
            name="payoutMinimum"
            label={t("payoutRules.minimum")}
            hint={t("payoutRules.minimum.hint", { amount: formatRupiah(payoutRules.payoutMinimum) })}
            inputMode="numeric"
            defaultValue={rulesFailed ? rulesFailed.values.payoutMinimum : String(payoutRules.payoutMinimum)}
            error={rulesFailed?.errors.payoutMinimum ? t(rulesFailed.errors.payoutMinimum as MessageKey) : undefined}
          />
          <CheckboxField
            name="payoutFourEyes"
            label={t("payoutRules.fourEyes")}
            hint={t("payoutRules.fourEyes.hint")}
            defaultChecked={rulesFailed ? rulesFailed.values.payoutFourEyes === "on" : payoutRules.payoutFourEyes}
          />
          <SubmitButton>{t("payoutRules.save")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="fee-categories" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="fee-categories" className="text-lg font-semibold">{t("fees.categories")}</h2>
        <ul className="divide-y divide-sand-200">{categories.map((category) => row("category", category.id, localized(locale, category.nameId, category.nameEn), category.feeRateBp))}</ul>
      </section>
      <section aria-labelledby="fee-members" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="fee-members" className="text-lg font-semibold">{t("fees.members")}</h2>
        <ul className="divide-y divide-sand-200">{members.map((member) => row("member", member.id, `${member.businessName} (${member.memberNumber})`, member.feeRateBp))}</ul>
      </section>
    </div>
  );
}
