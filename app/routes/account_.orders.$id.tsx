import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ShopperOrder, type ShopperOrderAnswer } from "~/components/shopper-order";
import { orderForAccount } from "~/flows/order-page.server";
import { paymentGateway } from "~/flows/payment-accounts.server";
import { notFound, secretLinkPageHeaders } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireUser } from "~/web/guards.server";
import { shopperOrderAction, shopperOrderData } from "~/web/shopper-order.server";

/** Only the signed-in shopper's own order at this shop: any other id (another shopper's, another shop's) is a 404. */
async function pageFor(request: Request, context: LoaderFunctionArgs["context"], orderId: string | undefined) {
  const { cooperative, actor } = await requireUser(request, context);
  const page = orderId ? await orderForAccount(context.db, paymentGateway(), cooperative.id, actor.userId, orderId) : undefined;
  if (!page) throw notFound();
  return { cooperative, page };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, page } = await pageFor(request, context, params.id);
  return data({ ...(await shopperOrderData(context.db, cooperative, page)), id: page.order.id }, { headers: secretLinkPageHeaders });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative, page } = await pageFor(request, context, params.id);
  return shopperOrderAction(request, context, cooperative, page, new URL(request.url).pathname);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t, data: loaded }) => ({ title: `${t("order.title", { number: loaded.order.number })} · ${root.cooperative.name}`, description: "", noindex: true }));

export default function AccountOrderPage() {
  const view = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <p className="container-page max-w-3xl pt-6">
        <Link to="/account#orders-heading" className="text-sm text-sea-700 underline">← {t("account.orders.title")}</Link>
      </p>
      <ShopperOrder view={view} result={useActionData<typeof action>() as ShopperOrderAnswer | undefined} base={`/account/orders/${view.id}`} />
    </>
  );
}
