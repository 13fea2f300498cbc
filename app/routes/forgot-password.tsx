import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { parseForm, refused } from "~/web/forms.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requestPasswordReset } from "~/modules/identity/accounts.server";
import { identityErrors } from "~/modules/identity/errors";
import { forgotPasswordSchema } from "~/modules/identity/forms";
import { getActor } from "~/web/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await getActor(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative } = await getActor(request, context);
  const formData = await request.formData();
  const form = parseForm(forgotPasswordSchema, formData);
  if (!form.ok) return form.answer;
  const result = await requestPasswordReset(context.db, {
    cooperativeId: cooperative.id,
    email: form.data.email,
    locale: resolveLocale(request),
    ipAddress: context.clientIp,
  });
  if (!result.ok) return refused(formData, identityErrors, result.error, { retryAfterMinutes: result.retryAfterMinutes });
  return { ok: true as const, errors: {}, values: {} };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("auth.forgot.title")} · ${root.cooperative.name}`, description: t("auth.forgot.intro"), noindex: true }));

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <AuthCard title={t("auth.forgot.title")} intro={t("auth.forgot.intro")} footer={<Link to="/sign-in" className="font-semibold text-sea-700 underline">{t("auth.signIn.title")}</Link>}>
      {result?.ok ? (
        <Alert tone="success">{t("auth.forgot.sent")}</Alert>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          {errors.form ? <Alert tone="error">{t("auth.error.tooManyResets", { minutes: result && "retryAfterMinutes" in result ? result.retryAfterMinutes : 0 })}</Alert> : null}
          <TextField name="email" type="email" autoComplete="email" inputMode="email" required label={t("auth.field.email")} defaultValue={result?.values.email} error={errors.email} />
          <SubmitButton className="w-full">{t("auth.forgot.submit")}</SubmitButton>
        </Form>
      )}
    </AuthCard>
  );
}
