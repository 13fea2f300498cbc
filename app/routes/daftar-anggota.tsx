import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AreaSelects } from "~/components/area-selects";
import { ErrorSummary } from "~/components/forms/error-summary";
import { Alert, SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import { PayoutAccountFields } from "~/components/forms/payout-account-fields";
import { formValues } from "~/lib/forms.server";
import { FORM_TOKEN_FIELD, formContent, newFormToken, submitOnce, unclaimedMessage } from "~/lib/form-token.server";
import { FormToken } from "~/components/forms/form-token";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import type { MessageKey } from "~/lib/i18n/core";
import { pageMeta } from "~/lib/route-meta";
import { getActor } from "~/web/guards.server";
import { applyToJoin, applyToJoinErrors } from "~/flows/apply-to-join.server";
import { parseApplication, payoutColumns } from "~/modules/membership/application";
import { areaRefill, listProvinces, resolveArea } from "~/lib/indonesia/areas.server";
import { payoutChoices } from "~/lib/indonesia/payout-accounts";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await getActor(request, context);
  return { provinces: await listProvinces(), payout: payoutChoices(), formToken: newFormToken() };
}

type Refusal = { status: number; errors: Record<string, string>; retryAfterMinutes?: number };

function unclaimedRefusal(state: "busy" | "changed" | "invalid"): Refusal {
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
    const parsed = parseApplication(formData);
    const area = parsed.ok ? await resolveArea(parsed.value) : null;
    if (!parsed.ok || !area) {
      const errors: Record<string, string> = parsed.ok ? { villageCode: "apply.error.area" } : { ...parsed.fieldErrors };
      return { refused: { status: 422, errors } };
    }
    const { agree: _agree, payout, ...input } = parsed.value;
    // Only an accepted application counts against the limits (decision 28).
    const applied = await applyToJoin(tx, {
      cooperative,
      clientIp: context.clientIp,
      fields: { ...input, ...area, ...payoutColumns(payout), nib: input.nib ?? null, locale: resolveLocale(request) },
    });
    if (!applied.ok) {
      const { status, message } = applyToJoinErrors[applied.error];
      return { refused: { status, errors: { form: message }, retryAfterMinutes: applied.retryAfterMinutes } };
    }
    return { done: { submitted: true } };
  }, { content: formContent(formData) });
  if (sent.state === "done") return { ok: true as const, errors: {}, values: {}, areas: {} };
  const { status, errors, retryAfterMinutes } = sent.state === "refused" ? sent.answer : unclaimedRefusal(sent.state);
  return data({ ok: false as const, errors, values, retryAfterMinutes, areas: await areaRefill(values) }, { status });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("apply.title")} · ${root.cooperative.name}`, description: t("apply.intro") }));

export default function ApplyPage() {
  const { provinces, payout, formToken } = useLoaderData<typeof loader>();
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
  const wait = result && !result.ok && result.retryAfterMinutes ? waitWords(t, result.retryAfterMinutes) : "";
  return (
    <div className="container-page max-w-2xl py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("apply.title")}</h1>
      <p className="mt-2 text-muted">{t("joining.apply.intro")}</p>
      <Form method="post" className="mt-6 space-y-6" noValidate>
        <FormToken token={formToken} />
        <ErrorSummary errors={errors} />
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("apply.section.business")}</legend>
          <TextField name="businessName" label={t("apply.field.businessName")} defaultValue={values.businessName} error={errors.businessName} required />
          <TextField name="ownerName" label={t("apply.field.ownerName")} autoComplete="name" defaultValue={values.ownerName} error={errors.ownerName} required />
          <TextField name="phone" type="tel" inputMode="tel" autoComplete="tel" label={t("apply.field.phone")} hint={t("apply.hint.phone")} defaultValue={values.phone} error={errors.phone} required />
          <TextField name="email" type="email" inputMode="email" autoComplete="email" label={t("apply.field.email")} defaultValue={values.email} error={errors.email} required />
          <TextField name="nib" inputMode="numeric" label={t("apply.field.nib")} hint={t("apply.hint.nib")} defaultValue={values.nib} error={errors.nib} />
          <TextAreaField name="products" label={t("apply.field.products")} hint={t("joining.apply.productsHint")} defaultValue={values.products} error={errors.products} required />
        </fieldset>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("apply.section.address")}</legend>
          <AreaSelects provinces={provinces} initial={result?.areas ?? {}} errors={errors} />
          <TextField name="street" autoComplete="street-address" label={t("apply.field.street")} defaultValue={values.street} error={errors.street} required />
          <TextField name="postalCode" inputMode="numeric" autoComplete="postal-code" maxLength={5} label={t("apply.field.postalCode")} defaultValue={values.postalCode} error={errors.postalCode} required />
        </fieldset>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("joining.payout.sectionOptional")}</legend>
          <p className="text-sm text-muted">{t("joining.payout.applyHint")}</p>
          <PayoutAccountFields choices={payout} values={values} errors={errors} />
        </fieldset>
        <div className="space-y-1">
          <label className="flex min-h-11 items-start gap-3 text-sm">
            <input type="checkbox" id="agree" name="agree" defaultChecked={values.agree === "on"} className="mt-1 h-5 w-5 accent-sea-700" aria-invalid={errors.agree ? true : undefined} aria-describedby={errors.agree ? "agree-error" : undefined} />
            <span>{t("joining.apply.agree")}</span>
          </label>
          {errors.agree ? <p id="agree-error" className="text-sm font-medium text-clay-700">{t(errors.agree as "apply.error.agree")}</p> : null}
        </div>
        <div className="space-y-3">
          {errors.form ? (
            <p id="form-error" role="alert" className="rounded-xl bg-clay-500/10 p-3 text-sm font-medium text-clay-700 ring-1 ring-clay-500/30">
              {t(errors.form as MessageKey, { wait })}
            </p>
          ) : null}
          <SubmitButton className="w-full sm:w-auto">{t("apply.submit")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

/** "40 menit", "3 jam": the real wait, in the reader's words. */
function waitWords(t: ReturnType<typeof useI18n>["t"], minutes: number): string {
  return minutes < 60 ? t("joining.wait.minutes", { count: minutes }) : t("joining.wait.hours", { count: Math.ceil(minutes / 60) });
}
