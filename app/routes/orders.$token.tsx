import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { ShopperOrder, type ShopperOrderAnswer } from "~/components/shopper-order";
import { orderForLink } from "~/flows/order-page.server";
import { paymentGateway } from "~/flows/payment-accounts.server";
import { buyPage } from "~/lib/i18n/dictionaries";
import { notFound, secretLinkPageHeaders } from "~/lib/http.server";
import { pageMeta } from "~/lib/route-meta";
import { requireCooperative } from "~/web/cooperative.server";
import { shopperOrderAction, shopperOrderData } from "~/web/shopper-order.server";

async function pageFor(request: Request, context: LoaderFunctionArgs["context"], token: string | undefined) {
  const cooperative = await requireCooperative(request, context);
  const page = token ? await orderForLink(context.db, paymentGateway(), cooperative.id, token) : undefined;
  if (!page) throw notFound();
  return { cooperative, page };
}

export const handle = buyPage;

/** The order page by its private link (decision 20): no account needed, the link is the key. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, page } = await pageFor(request, context, params.token);
  return data(await shopperOrderData(context.db, cooperative, page), { headers: secretLinkPageHeaders });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative, page } = await pageFor(request, context, params.token);
  return shopperOrderAction(request, context, cooperative, page, new URL(request.url).pathname);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t, data: loaded }) => ({ title: `${t("order.title", { number: loaded.order.number })} · ${root.cooperative.name}`, description: "", noindex: true }));

export default function OrderPage() {
  const params = useParams();
  return <ShopperOrder view={useLoaderData<typeof loader>()} result={useActionData<typeof action>() as ShopperOrderAnswer | undefined} base={`/orders/${params.token ?? ""}`} />;
}
