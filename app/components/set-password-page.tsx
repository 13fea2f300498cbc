import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthCard } from "./auth-card";
import { Alert, SubmitButton, TextField } from "./forms/field";
import { useI18n } from "~/lib/i18n/react";

/** Shared by the password-reset and invitation links: choose a password, then you are signed in. */
export function SetPasswordPage(props: { purpose: "password_reset" | "invite" }) {
  const loaderData = useLoaderData<{ valid: boolean; email?: string; name?: string }>();
  const result = useActionData<{ errors: Record<string, string | undefined> }>();
  const { t } = useI18n();
  const title = props.purpose === "invite" ? t("auth.invite.title") : t("auth.reset.title");
  if (!loaderData.valid) {
    return (
      <AuthCard title={title}>
        <Alert tone="error">{t("auth.error.linkInvalid")}</Alert>
        <p className="mt-4 text-sm">
          <Link to="/forgot-password" className="font-semibold text-sea-700 underline">{t("auth.forgot.link")}</Link>
        </p>
      </AuthCard>
    );
  }
  const errors = result?.errors ?? {};
  return (
    <AuthCard title={title} intro={props.purpose === "invite" ? t("auth.invite.intro", { name: loaderData.name || loaderData.email || "" }) : t("auth.reset.intro")}>
      <Form method="post" className="space-y-4" noValidate>
        {errors.form ? <Alert tone="error">{t(errors.form as "auth.error.linkInvalid")}</Alert> : null}
        <input type="email" name="username" autoComplete="username" value={loaderData.email} readOnly hidden />
        <TextField name="password" type="password" autoComplete="new-password" required minLength={8} label={t("auth.field.newPassword")} hint={t("auth.hint.password")} error={errors.password} />
        <TextField name="confirmPassword" type="password" autoComplete="new-password" required label={t("auth.field.confirmPassword")} error={errors.confirmPassword} />
        <SubmitButton className="w-full">{t("auth.reset.submit")}</SubmitButton>
      </Form>
    </AuthCard>
  );
}
