import type { Db } from "~db/client";
import { formatDateTime } from "~/lib/dates";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { renderOrderDocument, type OrderDocument } from "~/modules/orders/documents.server";
import { getOrder } from "~/modules/orders/orders.server";
import { refundedTotal } from "~/modules/orders/refunds.server";
import type { Cooperative } from "~/modules/tenancy/cooperative.server";

/** An order's packing slip, shipping label or receipt (kuitansi) in the cooperative's name; undefined when no such order. */
export async function orderDocument(db: Db, cooperative: Cooperative, orderId: string, kind: OrderDocument, locale: "id" | "en"): Promise<Buffer | undefined> {
  const found = await getOrder(db, cooperative.id, orderId);
  if (!found) return undefined;
  const zone = timeZoneOfProvince(cooperative.province);
  return renderOrderDocument({
    kind,
    order: found.order,
    lines: found.lines,
    cooperative: { name: cooperative.name, legalName: cooperative.legalName, address: cooperative.address, phone: cooperative.phone },
    placedAt: formatDateTime(locale, found.order.createdAt, zone),
    paidAt: found.order.paidAt ? formatDateTime(locale, found.order.paidAt, zone) : null,
    refunded: await refundedTotal(db, cooperative.id, orderId),
    locale,
  });
}

export function pdfHeaders(filename: string): HeadersInit {
  return { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${filename}"`, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
}
