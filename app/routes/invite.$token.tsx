import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Alert, SubmitButton } from "~/components/forms/field";
import { SetPasswordPage } from "~/components/set-password-page";
import { parseForm, refused } from "~/web/forms.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { redirectSignedIn } from "~/lib/session.server";
import { landingPath } from "~/modules/identity/accounts.server";
import { identityErrors } from "~/modules/identity/errors";
import { setPasswordSchema } from "~/modules/identity/forms";
import { getActor } from "~/web/guards.server";
import { acceptInvitation, findInvitation } from "~/modules/identity/invitations.server";

/**
 * An invitation link. An address that never had a password chooses one here (that accepts); an account with a
 * password accepts only while signed in as itself. Opening the link changes nothing.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, actor } = await getActor(request, context);
  const invitation = await findInvitation(context.db, cooperative.id, params.token ?? "");
  if (!invitation) return data({ valid: false as const }, { status: 404 });
  const mode = !invitation.accountActive
    ? ("set_password" as const)
    : actor.kind !== "user"
      ? ("sign_in" as const)
      : actor.userId === invitation.userId
        ? ("accept" as const)
        : ("wrong_account" as const);
  return {
    valid: true as const,
    mode,
    email: invitation.email,
    name: invitation.name,
    current: actor.kind === "user" ? actor.email : "",
    what: invitation.kind === "staff" ? { key: `auth.invite.what.${invitation.staffRole!}` as const, business: "" } : { key: invitation.kind === "member_owner" ? ("auth.invite.what.owner" as const) : ("auth.invite.what.helper" as const), business: invitation.businessName ?? "" },
    cooperativeName: invitation.cooperativeName,
    signInPath: `/sign-in?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative, actor } = await getActor(request, context);
  const formData = await request.formData();
  const token = params.token ?? "";
  let newPassword: string | undefined;
  if (formData.get("intent") !== "accept") {
    const form = parseForm(setPasswordSchema, formData);
    if (!form.ok) return form.answer;
    newPassword = form.data.password;
  }
  const result = await acceptInvitation(context.db, {
    cooperativeId: cooperative.id,
    token,
    signedInUserId: actor.kind === "user" ? actor.userId : undefined,
    newPassword,
    ipAddress: context.clientIp,
    userAgent: request.headers.get("User-Agent") ?? "",
  });
  if (!result.ok) return refused(formData, identityErrors, result.error);
  const landing = await landingPath(context.db, cooperative.id, result.userId);
  return result.sessionToken ? redirectSignedIn(result.sessionToken, landing) : redirect(landing);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("auth.invite.title")} · ${root.cooperative.name}`, description: t("auth.invite.title"), noindex: true }));

export default function InvitePage() {
  const loaderData = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (!loaderData.valid || loaderData.mode === "set_password") return <SetPasswordPage purpose="invite" />;
  const what = t(loaderData.what.key, { business: loaderData.what.business });
  const intro = t("auth.invite.for", { email: loaderData.email, what, cooperative: loaderData.cooperativeName });
  return (
    <AuthCard title={t("auth.invite.title")} intro={intro}>
      {loaderData.mode === "accept" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="accept" />
          <SubmitButton className="w-full">{t("auth.invite.accept")}</SubmitButton>
        </Form>
      ) : loaderData.mode === "sign_in" ? (
        <div className="space-y-4">
          <Alert tone="info">{t("auth.invite.signInToAccept")}</Alert>
          <Link to={loaderData.signInPath} className="btn w-full bg-sea-700 text-white hover:bg-sea-800">{t("auth.invite.signIn")}</Link>
        </div>
      ) : (
        <Alert tone="error">{t("auth.invite.wrongAccount", { current: loaderData.current, email: loaderData.email })}</Alert>
      )}
    </AuthCard>
  );
}
