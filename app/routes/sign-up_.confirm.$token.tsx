import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { signUpRequests } from "~db/schema";
import { AuthCard } from "~/components/auth-card";
import { Alert, SubmitButton } from "~/components/forms/field";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { redirectSignedIn } from "~/lib/session.server";
import { confirmSignUp } from "~/modules/identity/accounts.server";
import { identityErrors } from "~/modules/identity/errors";
import { getActor } from "~/web/guards.server";
import { findOneTimeLink } from "~/modules/identity/one-time-links.server";

/**
 * The link from a sign-up e-mail. Opening it changes nothing (mail scanners open links too); the button
 * creates the account and signs in.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative } = await getActor(request, context);
  const link = await findOneTimeLink(context.db, params.token ?? "", "sign_up", cooperative.id);
  const [request_] =
    link?.signUpId
      ? await context.db.select({ email: signUpRequests.email }).from(signUpRequests).where(eq(signUpRequests.id, link.signUpId))
      : [];
  if (!request_) return data({ valid: false as const, email: "" }, { status: 404 });
  return { valid: true as const, email: request_.email };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative } = await getActor(request, context);
  const result = await confirmSignUp(context.db, {
    token: params.token ?? "",
    cooperativeId: cooperative.id,
    ipAddress: context.clientIp,
    userAgent: request.headers.get("User-Agent") ?? "",
  });
  if (result.ok) return redirectSignedIn(result.token, "/account");
  const refusal = identityErrors[result.error];
  return data({ error: refusal.message }, { status: refusal.status });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("auth.signUp.confirmTitle")} · ${root.cooperative.name}`, description: t("auth.signUp.confirmTitle"), noindex: true }));

export default function ConfirmSignUp() {
  const { valid, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const error = result?.error ?? (valid ? undefined : "auth.error.linkInvalid");
  return (
    <AuthCard title={t("auth.signUp.confirmTitle")} intro={valid ? t("auth.signUp.confirmIntro", { email }) : undefined}>
      {error ? (
        <>
          <Alert tone="error">{t(error)}</Alert>
          <p className="mt-4 text-sm">
            <Link to="/sign-in" className="font-semibold text-sea-700 underline">{t("auth.signIn.title")}</Link>
          </p>
        </>
      ) : (
        <Form method="post">
          <SubmitButton className="w-full">{t("auth.signUp.confirmSubmit")}</SubmitButton>
        </Form>
      )}
    </AuthCard>
  );
}
