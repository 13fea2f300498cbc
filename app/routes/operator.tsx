import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime } from "~/lib/dates";
import { parseForm, refused, submitFormOnce } from "~/web/forms.server";
import { newFormToken } from "~/lib/form-token.server";
import { FormToken } from "~/components/forms/form-token";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireOperator } from "~/web/guards.server";
import { openCooperative } from "~/flows/open-cooperative.server";
import { listCooperatives, tenancyErrors } from "~/modules/tenancy/operator.server";

const text = (min: number, max: number, key: string) => z.string({ error: key }).trim().min(min, key).max(max, key);
const createSchema = z.object({
  name: text(3, 120, "operator.error.name"),
  legalName: text(3, 160, "operator.error.name"),
  slug: z.string({ error: "operator.error.slug" }).trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "operator.error.slug").max(60, "operator.error.slug"),
  host: z
    .string({ error: "operator.error.host" })
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/, "operator.error.host"),
  regency: text(2, 100, "operator.error.place"),
  province: text(2, 100, "operator.error.place"),
  managerName: text(2, 100, "auth.error.name"),
  managerEmail: z.string().trim().toLowerCase().pipe(z.email({ error: "auth.error.email" })),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireOperator(request, context);
  return { cooperatives: await listCooperatives(context.db), formToken: newFormToken() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, cooperative } = await requireOperator(request, context);
  const formData = await request.formData();
  // A second post of the same form (a double tap) opens no second shop and sends no second invitation.
  const key = { cooperativeId: cooperative.id, purpose: "cooperative.create", userId: actor.userId };
  const sent = await submitFormOnce(context.db, key, formData, async (tx) => {
    const form = parseForm(createSchema, formData);
    if (!form.ok) return { refused: form.answer };
    const result = await openCooperative(tx, {
      ...form.data,
      operatorUserId: actor.userId,
      ipAddress: context.clientIp,
      locale: resolveLocale(request),
    });
    if (!result.ok) return { refused: refused(formData, tenancyErrors, result.error) };
    return { done: { created: true } };
  });
  if (!sent.ok) return sent.answer;
  return { ok: true as const, message: "operator.created" };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ t }) => ({ title: `${t("operator.title")} · Etalase`, description: t("operator.title"), noindex: true }));

export default function OperatorPage() {
  const { cooperatives, formToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const values: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  return (
    <div className="container-page max-w-4xl space-y-8 py-8">
      <h1 className="text-2xl font-bold">{t("operator.title")}</h1>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="text-lg font-semibold">{t("operator.list")}</h2>
        <ul className="mt-3 divide-y divide-sand-200 rounded-2xl bg-white ring-1 ring-sand-200">
          {cooperatives.map((cooperative) => (
            <li key={cooperative.id} className="px-4 py-3 text-sm">
              <p className="font-semibold">{cooperative.name}</p>
              <p className="text-muted">
                {cooperative.hosts.join(", ") || cooperative.slug} · {cooperative.regency} · {t("operator.memberCount", { count: cooperative.members })} · {formatDateTime(locale, cooperative.createdAt, zone)}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="create-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="create-heading" className="text-lg font-semibold">{t("operator.create")}</h2>
        <p className="text-sm text-muted">{t("operator.createIntro")}</p>
        {errors.form ? <Alert tone="error">{t(errors.form as "form.error.expired")}</Alert> : null}
        {result && "message" in result ? (
          <div className="mt-3">
            <Alert tone="success">{t("operator.created")}</Alert>
          </div>
        ) : null}
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2" noValidate>
          <FormToken token={formToken} />
          <TextField name="name" label={t("operator.field.name")} defaultValue={values.name} error={errors.name} />
          <TextField name="legalName" label={t("operator.field.legalName")} defaultValue={values.legalName} error={errors.legalName} />
          <TextField name="slug" label={t("operator.field.slug")} hint={t("operator.hint.slug")} defaultValue={values.slug} error={errors.slug} />
          <TextField name="host" label={t("operator.field.host")} hint={t("operator.hint.host")} defaultValue={values.host} error={errors.host} />
          <TextField name="regency" label={t("apply.field.regency")} defaultValue={values.regency} error={errors.regency} />
          <TextField name="province" label={t("apply.field.province")} defaultValue={values.province} error={errors.province} />
          <TextField name="managerName" label={t("operator.field.managerName")} defaultValue={values.managerName} error={errors.managerName} />
          <TextField name="managerEmail" type="email" label={t("operator.field.managerEmail")} defaultValue={values.managerEmail} error={errors.managerEmail} />
          <div className="sm:col-span-2"><SubmitButton>{t("operator.submit")}</SubmitButton></div>
        </Form>
      </section>
    </div>
  );
}
