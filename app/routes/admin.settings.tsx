import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms/error-summary";
import { CheckboxField } from "~/components/forms/checkbox-field";
import { Alert, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import { SettingsHeader } from "~/components/settings-header";
import { invalid } from "~/web/forms.server";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireAbility } from "~/web/guards.server";
import { indonesianBanks } from "~/lib/indonesia/banks";
import { basisPointsToPercent } from "~/lib/percent";
import { bankCodeForName } from "~/modules/tenancy/settings-form";
import { getCooperativeSettings, readSettingsForm, updateCooperativeSettings } from "~/modules/tenancy/settings.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "settings.manage");
  const settings = await getCooperativeSettings(context.db, cooperative.id);
  if (!settings) throw notFound();
  return {
    settings: { ...settings, bankCode: bankCodeForName(settings.bankName) },
    banks: indonesianBanks.map((bank) => ({ value: bank.code, label: bank.name })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "settings.manage");
  const formData = await request.formData();
  const parsed = readSettingsForm(Object.fromEntries(formData));
  if (!parsed.ok) return invalid(formData, parsed.errors);
  const { changed } = await updateCooperativeSettings(context.db, {
    cooperativeId: cooperative.id,
    actorUserId: actor.userId,
    ipAddress: context.clientIp,
    settings: parsed.settings,
  });
  return { ok: true as const, changed: changed.length };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("settings.title")} · ${root.cooperative.name}`, description: t("settings.intro"), noindex: true }));

export default function CooperativeSettingsPage() {
  const { settings, banks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const typed: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  const failed = result && "errors" in result;
  const value = (name: keyof typeof settings, shown: string) => (failed ? (typed[name] ?? "") : shown);
  const field = (name: keyof typeof settings, label: string, extra: Record<string, unknown> = {}) => (
    <TextField name={name} label={label} defaultValue={value(name, String(settings[name]))} error={errors[name]} {...extra} />
  );
  return (
    <div className="max-w-3xl space-y-6">
      <SettingsHeader title={t("settings.title")} intro={t("settings.intro")} />
      {result && "changed" in result ? (
        <Alert tone="success">{result.changed > 0 ? t("settings.saved", { count: result.changed }) : t("settings.unchanged")}</Alert>
      ) : null}
      {errors.form ? <Alert tone="error">{t(errors.form as "error.badRequest.body")}</Alert> : null}
      <ErrorSummary errors={errors} />
      <Form method="post" className="space-y-6" noValidate>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("settings.section.shop")}</legend>
          {field("name", t("settings.field.name"))}
          {field("legalName", t("settings.field.legalName"), { hint: t("settings.hint.legalName") })}
          {field("taglineId", t("settings.field.taglineId"))}
          {field("taglineEn", t("settings.field.taglineEn"))}
          <TextAreaField name="storyId" label={t("settings.field.storyId")} defaultValue={value("storyId", settings.storyId)} error={errors.storyId} rows={5} />
          <TextAreaField name="storyEn" label={t("settings.field.storyEn")} defaultValue={value("storyEn", settings.storyEn)} error={errors.storyEn} rows={5} />
          {field("address", t("settings.field.address"))}
          <div className="grid gap-4 sm:grid-cols-3">
            {field("postalCode", t("settings.field.postalCode"), { inputMode: "numeric", autoComplete: "postal-code" })}
            {field("phone", t("apply.field.phone"), { type: "tel", inputMode: "tel" })}
            {field("email", t("auth.field.email"), { type: "email", inputMode: "email" })}
          </div>
        </fieldset>

        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("settings.section.money")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              name="feeRate"
              label={t("settings.field.feeRate")}
              hint={t("settings.hint.feeRate")}
              inputMode="decimal"
              defaultValue={failed ? typed.feeRate : basisPointsToPercent(settings.feeRateBp, locale === "en" ? "." : ",")}
              error={errors.feeRate}
            />
            {field("payoutHoldDays", t("settings.field.payoutHoldDays"), { inputMode: "numeric", hint: t("settings.hint.payoutHoldDays") })}
            {field("orderExpiryHours", t("settings.field.orderExpiryHours"), { inputMode: "numeric", hint: t("settings.hint.orderExpiryHours") })}
            {field("reviewSkipPricePct", t("settings.field.reviewSkipPricePct"), { inputMode: "numeric", hint: t("settings.hint.reviewSkipPricePct") })}
          </div>
          <CheckboxField
            name="vatRegistered"
            label={t("settings.field.vatRegistered")}
            hint={t("settings.hint.vatRegistered")}
            defaultChecked={failed ? typed.vatRegistered === "on" : settings.vatRegistered}
          />
        </fieldset>

        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("settings.section.orders")}</legend>
          <div className="grid gap-4 sm:grid-cols-3">
            {field("handoverDays", t("settings.field.handoverDays"), { inputMode: "numeric", hint: t("settings.hint.handoverDays") })}
            {field("completeAfterDays", t("settings.field.completeAfterDays"), { inputMode: "numeric", hint: t("settings.hint.completeAfterDays") })}
            {field("returnWindowDays", t("settings.field.returnWindowDays"), { inputMode: "numeric", hint: t("settings.hint.returnWindowDays") })}
          </div>
        </fieldset>

        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("settings.section.bank")}</legend>
          <p className="text-sm text-muted">{t("settings.bank.intro")}</p>
          <SelectField name="bankCode" label={t("apply.field.bankCode")} options={banks} placeholder={t("apply.placeholder.bank")} defaultValue={value("bankCode", settings.bankCode)} error={errors.bankCode} />
          {field("bankAccountNumber", t("apply.field.bankAccountNumber"), { inputMode: "numeric" })}
          {field("bankAccountHolder", t("apply.field.bankAccountHolder"))}
        </fieldset>
        <SubmitButton>{t("form.save")}</SubmitButton>
      </Form>
    </div>
  );
}
