import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AreaSelects } from "~/components/area-selects";
import { Alert, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import { formValues } from "~/lib/forms.server";
import { FORM_TOKEN_FIELD, newFormToken, submitOnce, unclaimedMessage } from "~/lib/form-token.server";
import { FormToken } from "~/components/forms/form-token";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { getActor } from "~/web/guards.server";
import { applicationsPerAddress, hit } from "~/modules/identity/rate-limit.server";
import { parseApplication } from "~/modules/membership/application";
import { submitApplication } from "~/modules/membership/applications.server";
import { areaRefill, listProvinces, resolveArea } from "~/lib/indonesia/areas.server";
import { indonesianBanks } from "~/lib/indonesia/banks";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await getActor(request, context);
  return {
    provinces: await listProvinces(),
    banks: indonesianBanks.map((bank) => ({ value: bank.code, label: bank.name })),
    formToken: newFormToken(),
  };
}

type Refusal = { status: number; errors: Record<string, string> };

function unclaimedRefusal(state: "busy" | "invalid"): Refusal {
  const { status, messageKey } = unclaimedMessage(state);
  return { status, errors: { form: messageKey } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative } = await getActor(request, context);
  const formData = await request.formData();
  const values = formValues(formData);
  // A second post of the same form (a double tap) is answered as the first: one application.
  const key = { cooperativeId: cooperative.id, purpose: "application.submit", userId: null };
  const sent = await submitOnce<{ submitted: true }, Refusal>(context.db, key, formData.get(FORM_TOKEN_FIELD), async (tx) => {
    const limit = await hit(context.db, `apply:address:${context.clientIp}`, applicationsPerAddress);
    if (limit.hits > applicationsPerAddress.limit) return { refused: { status: 429, errors: { form: "apply.error.tooMany" } } };
    const parsed = parseApplication(formData);
    const area = parsed.ok ? await resolveArea(parsed.value) : null;
    if (!parsed.ok || !area) {
      const errors: Record<string, string> = parsed.ok ? { villageCode: "apply.error.area" } : { ...parsed.fieldErrors };
      return { refused: { status: 422, errors } };
    }
    const { agree: _agree, ...input } = parsed.value;
    await submitApplication(tx, cooperative, {
      ...input,
      ...area,
      nib: input.nib ?? null,
      locale: resolveLocale(request),
    });
    return { done: { submitted: true } };
  });
  if (sent.state === "done") return { ok: true as const, errors: {}, values: {}, areas: {} };
  const { status, errors } = sent.state === "refused" ? sent.answer : unclaimedRefusal(sent.state);
  return data({ ok: false as const, errors, values, areas: await areaRefill(values) }, { status });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("apply.title")} · ${root.cooperative.name}`, description: t("apply.intro") }));

export default function ApplyPage() {
  const { provinces, banks, formToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  if (result?.ok) {
    return (
      <div className="container-page max-w-2xl py-10">
        <Alert tone="success">{t("apply.success")}</Alert>
        <Link to="/" className="btn mt-6 bg-sea-700 text-white">{t("error.backHome")}</Link>
      </div>
    );
  }
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: Record<string, string | undefined> = result?.values ?? {};
  const fieldCount = Object.keys(errors).filter((key) => key !== "form").length;
  return (
    <div className="container-page max-w-2xl py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("apply.title")}</h1>
      <p className="mt-2 text-muted">{t("apply.intro")}</p>
      <Form method="post" className="mt-6 space-y-6" noValidate>
        <FormToken token={formToken} />
        {errors.form ? <Alert tone="error">{t(errors.form as "apply.error.tooMany")}</Alert> : null}
        {fieldCount > 0 ? <Alert tone="error">{t("form.fixErrorsCount", { count: fieldCount })}</Alert> : null}
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("apply.section.business")}</legend>
          <TextField name="businessName" label={t("apply.field.businessName")} defaultValue={values.businessName} error={errors.businessName} required />
          <TextField name="ownerName" label={t("apply.field.ownerName")} autoComplete="name" defaultValue={values.ownerName} error={errors.ownerName} required />
          <TextField name="phone" type="tel" inputMode="tel" autoComplete="tel" label={t("apply.field.phone")} hint={t("apply.hint.phone")} defaultValue={values.phone} error={errors.phone} required />
          <TextField name="email" type="email" inputMode="email" autoComplete="email" label={t("apply.field.email")} defaultValue={values.email} error={errors.email} required />
          <TextField name="nib" inputMode="numeric" label={t("apply.field.nib")} hint={t("apply.hint.nib")} defaultValue={values.nib} error={errors.nib} />
          <TextAreaField name="products" label={t("apply.field.products")} hint={t("apply.hint.products")} defaultValue={values.products} error={errors.products} required />
        </fieldset>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("apply.section.address")}</legend>
          <AreaSelects provinces={provinces} initial={result?.areas ?? {}} errors={errors} />
          <TextField name="street" autoComplete="street-address" label={t("apply.field.street")} defaultValue={values.street} error={errors.street} required />
          <TextField name="postalCode" inputMode="numeric" autoComplete="postal-code" maxLength={5} label={t("apply.field.postalCode")} defaultValue={values.postalCode} error={errors.postalCode} required />
        </fieldset>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("apply.section.bank")}</legend>
          <p className="text-sm text-muted">{t("apply.hint.bank")}</p>
          <SelectField name="bankCode" label={t("apply.field.bankCode")} options={banks} placeholder={t("apply.placeholder.bank")} defaultValue={values.bankCode ?? ""} error={errors.bankCode} required />
          <TextField name="bankAccountNumber" inputMode="numeric" label={t("apply.field.bankAccountNumber")} defaultValue={values.bankAccountNumber} error={errors.bankAccountNumber} required />
          <TextField name="bankAccountHolder" label={t("apply.field.bankAccountHolder")} defaultValue={values.bankAccountHolder} error={errors.bankAccountHolder} required />
        </fieldset>
        <div className="space-y-1">
          <label className="flex min-h-11 items-start gap-3 text-sm">
            <input type="checkbox" name="agree" defaultChecked={values.agree === "on"} className="mt-1 h-5 w-5 accent-sea-700" aria-invalid={errors.agree ? true : undefined} aria-describedby={errors.agree ? "agree-error" : undefined} />
            <span>{t("apply.field.agree")}</span>
          </label>
          {errors.agree ? <p id="agree-error" className="text-sm font-medium text-clay-700">{t(errors.agree as "apply.error.agree")}</p> : null}
        </div>
        <SubmitButton className="w-full sm:w-auto">{t("apply.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
