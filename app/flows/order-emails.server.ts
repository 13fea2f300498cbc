import type { Db } from "~db/client";
import { enqueueEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";
import type { EmailData } from "~/modules/notifications/templates";
import type { Order } from "~/modules/orders/orders.server";
import { cooperativeName } from "~/modules/tenancy/cooperative.server";

type OrderTemplate = "order_shipped" | "order_delivered" | "order_refunded";

/**
 * An e-mail to the shopper about their order, in their language, greeting them by name, with a private link to the
 * order page made by the dispatcher when it sends (so staff reading the outbox never see a working link).
 */
export async function emailShopper<T extends OrderTemplate>(
  tx: Db,
  order: Order,
  template: T,
  data: Omit<EmailData<T>, "name" | "cooperativeName" | "orderNumber" | "link">,
): Promise<void> {
  await enqueueEmail(tx, {
    cooperativeId: order.cooperativeId,
    to: order.email,
    locale: order.locale === "en" ? "en" : "id",
    template,
    data: { ...data, name: order.contactName, cooperativeName: await cooperativeName(tx, order.cooperativeId), orderNumber: order.number, link: SECRET_LINK } as EmailData<T>,
    secretLink: { purpose: "order", orderId: order.id },
  });
}
