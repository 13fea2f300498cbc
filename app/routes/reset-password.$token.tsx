import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SetPasswordPage } from "~/components/set-password-page";
import { parseForm, refused } from "~/web/forms.server";
import { pageMeta } from "~/lib/route-meta";
import { redirectSignedIn } from "~/lib/session.server";
import { findResetLinkUser, landingPath, resetPassword } from "~/modules/identity/accounts.server";
import { identityErrors } from "~/modules/identity/errors";
import { setPasswordSchema } from "~/modules/identity/forms";
import { getActor } from "~/web/guards.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await getActor(request, context);
  const user = await findResetLinkUser(context.db, params.token ?? "");
  if (!user) return data({ valid: false as const }, { status: 404 });
  return { valid: true as const, email: user.email, name: user.name };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative } = await getActor(request, context);
  const formData = await request.formData();
  const form = parseForm(setPasswordSchema, formData);
  if (!form.ok) return form.answer;
  const result = await resetPassword(context.db, {
    token: params.token ?? "",
    password: form.data.password,
    ipAddress: context.clientIp,
    userAgent: request.headers.get("User-Agent") ?? "",
  });
  if (!result.ok) return refused(formData, identityErrors, result.error);
  return redirectSignedIn(result.token, await landingPath(context.db, cooperative.id, result.userId));
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("auth.reset.title")} · ${root.cooperative.name}`, description: t("auth.reset.title"), noindex: true }));

export default function Page() {
  return <SetPasswordPage purpose="password_reset" />;
}
