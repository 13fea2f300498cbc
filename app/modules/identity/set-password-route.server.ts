import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { fieldErrors, invalid } from "~/lib/forms.server";
import { redirectSignedIn } from "~/lib/session.server";
import { findTokenUser, landingPath, setPasswordWithToken } from "./accounts.server";
import { setPasswordSchema } from "./forms";
import { getActor } from "./guards.server";

/** Loader and action of the reset and invitation pages: only the purpose of the link differs. */
export function setPasswordRoute(purpose: "password_reset" | "invite") {
  return {
    async loader({ request, context, params }: LoaderFunctionArgs) {
      await getActor(request, context);
      const user = await findTokenUser(context.db, params.token ?? "", purpose);
      if (!user) return data({ valid: false as const }, { status: 404 });
      return { valid: true as const, email: user.email, name: user.name };
    },
    async action({ request, context, params }: ActionFunctionArgs) {
      const { cooperative } = await getActor(request, context);
      const formData = await request.formData();
      const parsed = setPasswordSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return invalid(formData, fieldErrors(parsed.error));
      const result = await setPasswordWithToken(context.db, {
        token: params.token ?? "",
        purpose,
        password: parsed.data.password,
        ipAddress: context.clientIp,
        userAgent: request.headers.get("User-Agent") ?? "",
      });
      if (!result) return invalid(formData, { form: "auth.error.linkInvalid" }, 404);
      return redirectSignedIn(result.token, await landingPath(context.db, cooperative.id, result.userId));
    },
  };
}
