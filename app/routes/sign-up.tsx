import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { parseForm, refused } from "~/web/forms.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requestSignUp } from "~/modules/identity/accounts.server";
import { identityErrors } from "~/modules/identity/errors";
import { signUpSchema } from "~/modules/identity/forms";
import { getActor } from "~/web/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await getActor(request, context);
  if (actor.kind === "user") throw redirect("/account");
  return null;
}

/** Answers alike for new and taken addresses: what happens next is said only in the e-mail to that address. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative } = await getActor(request, context);
  const formData = await request.formData();
  const form = parseForm(signUpSchema, formData);
  if (!form.ok) return form.answer;
  const result = await requestSignUp(context.db, cooperative, {
    ...form.data,
    locale: resolveLocale(request),
    ipAddress: context.clientIp,
  });
  if (!result.ok) return refused(formData, identityErrors, result.error, { retryAfterMinutes: result.retryAfterMinutes });
  return { ok: true as const, email: form.data.email, errors: {}, values: {} };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("auth.signUp.title")} · ${root.cooperative.name}`, description: t("auth.signUp.intro"), noindex: true }));

export default function SignUp() {
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <AuthCard
      title={t("auth.signUp.title")}
      intro={t("auth.signUp.intro")}
      footer={
        <p>
          {t("auth.signUp.haveAccount")} <Link to="/sign-in" className="font-semibold text-sea-700 underline">{t("auth.signIn.title")}</Link>
        </p>
      }
    >
      {result?.ok ? (
        <Alert tone="success">{t("auth.signUp.sent", { email: result.email })}</Alert>
      ) : (
      <Form method="post" className="space-y-4" noValidate>
        {errors.form ? (
          <Alert tone="error">{t("auth.error.tooManySignUps", { minutes: result && "retryAfterMinutes" in result ? result.retryAfterMinutes : 0 })}</Alert>
        ) : Object.keys(errors).length > 0 ? (
          <Alert tone="error">{t("form.fixErrors")}</Alert>
        ) : null}
        <TextField name="name" autoComplete="name" required label={t("auth.field.name")} defaultValue={result?.values.name} error={errors.name} />
        <TextField name="email" type="email" autoComplete="email" inputMode="email" required label={t("auth.field.email")} defaultValue={result?.values.email} error={errors.email} />
        <TextField name="password" type="password" autoComplete="new-password" required minLength={8} label={t("auth.field.newPassword")} hint={t("auth.hint.password")} error={errors.password} />
        <SubmitButton className="w-full">{t("auth.signUp.submit")}</SubmitButton>
      </Form>
      )}
    </AuthCard>
  );
}
