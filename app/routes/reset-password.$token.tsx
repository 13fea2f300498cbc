import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SetPasswordPage } from "~/components/set-password-page";
import { pageMeta } from "~/lib/route-meta";
import { setPasswordRoute } from "~/modules/identity/set-password-route.server";

export const loader = (args: LoaderFunctionArgs) => setPasswordRoute("password_reset").loader(args);
export const action = (args: ActionFunctionArgs) => setPasswordRoute("password_reset").action(args);

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("auth.reset.title")} · ${root.cooperative.name}`, description: t("auth.reset.title"), noindex: true }));

export default function Page() {
  return <SetPasswordPage purpose="password_reset" />;
}
