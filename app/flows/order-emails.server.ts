import type { Db } from "~db/client";
import { enqueueEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";
import type { EmailData } from "~/modules/notifications/templates";
import type { Order } from "~/modules/orders/orders.server";
import { cooperativeName, publicOrigin } from "~/modules/tenancy/cooperative.server";

type OrderTemplate = "payment_received" | "order_shipped" | "order_delivered" | "order_refunded" | "return_received" | "return_decided";
/** What every shopper e-mail gets from here rather than from its caller. */
type Filled = "name" | "cooperativeName" | "orderNumber" | "link" | "accountLink";

/**
 * An e-mail to the shopper about their order, in their language, greeting them by name, with a private link to the
 * order page made by the dispatcher when it sends (so staff reading the outbox never see a working link). A shopper
 * who ordered signed in is also told where the order is in their account (that address needs signing in).
 */
export async function emailShopper<T extends OrderTemplate>(tx: Db, order: Order, template: T, data: Omit<EmailData<T>, Filled>): Promise<void> {
  const accountLink = order.userId ? `${await publicOrigin(tx, order.cooperativeId)}/account/orders/${order.id}` : "";
  await enqueueEmail(tx, {
    cooperativeId: order.cooperativeId,
    to: order.email,
    locale: order.locale === "en" ? "en" : "id",
    template,
    data: { ...data, name: order.contactName, cooperativeName: await cooperativeName(tx, order.cooperativeId), orderNumber: order.number, link: SECRET_LINK, accountLink } as EmailData<T>,
    secretLink: { purpose: "order", orderId: order.id },
  });
}
