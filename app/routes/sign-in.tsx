import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { invalid, parseForm, refused } from "~/web/forms.server";
import { httpError } from "~/lib/http.server";
import { isAcceptableRedirect } from "~/lib/safe-redirect";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { redirectSignedIn } from "~/lib/session.server";
import { landingPath, signIn } from "~/modules/identity/accounts.server";
import { identityErrors } from "~/modules/identity/errors";
import { signInSchema } from "~/modules/identity/forms";
import { mergeCartOnSignIn } from "~/web/cart.server";
import { getActor } from "~/web/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, cooperative } = await getActor(request, context);
  // A link that would send the browser elsewhere after signing in is refused, not followed.
  if (!isAcceptableRedirect(new URL(request.url).searchParams.get("redirectTo"))) throw httpError(400, "error.badRequest.body");
  if (actor.kind === "user") throw redirect(await landingPath(context.db, cooperative.id, actor.userId));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative } = await getActor(request, context);
  const formData = await request.formData();
  if (!isAcceptableRedirect(formData.get("redirectTo"))) return invalid(formData, { form: "error.badRequest.body" }, 400);
  const form = parseForm(signInSchema, formData);
  if (!form.ok) return form.answer;
  const result = await signIn(context.db, {
    ...form.data,
    ipAddress: context.clientIp,
    userAgent: request.headers.get("User-Agent") ?? "",
  });
  if (!result.ok) return refused(formData, identityErrors, result.error, { retryAfterMinutes: result.error === "locked" ? result.retryAfterMinutes : 0 });
  const response = await redirectSignedIn(result.token, formData.get("redirectTo"), await landingPath(context.db, cooperative.id, result.userId));
  await mergeCartOnSignIn(request, context, cooperative.id, result.userId, response.headers);
  return response;
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("auth.signIn.title")} · ${root.cooperative.name}`, description: t("auth.signIn.intro"), noindex: true }));

export default function SignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <AuthCard
      title={t("auth.signIn.title")}
      intro={t("auth.signIn.intro")}
      footer={
        <p>
          {t("auth.signIn.noAccount")}{" "}
          <Link to="/sign-up" className="font-semibold text-sea-700 underline">{t("auth.signUp.title")}</Link>
          {" · "}
          <Link to="/daftar-anggota" className="font-semibold text-sea-700 underline">{t("nav.apply")}</Link>
        </p>
      }
    >
      <Form method="post" className="space-y-4" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        {errors.form ? (
          <Alert tone="error">{t(errors.form as "auth.error.invalid", { minutes: result && "retryAfterMinutes" in result ? result.retryAfterMinutes : 0 })}</Alert>
        ) : null}
        <TextField name="email" type="email" autoComplete="email" inputMode="email" required label={t("auth.field.email")} defaultValue={result?.values.email} error={errors.email} />
        <TextField name="password" type="password" autoComplete="current-password" required label={t("auth.field.password")} error={errors.password} />
        <SubmitButton className="w-full">{t("auth.signIn.submit")}</SubmitButton>
        <p className="text-center text-sm">
          <Link to="/forgot-password" className="font-medium text-sea-700 underline">{t("auth.forgot.link")}</Link>
        </p>
      </Form>
    </AuthCard>
  );
}
