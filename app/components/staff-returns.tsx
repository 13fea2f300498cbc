import { Form } from "@remix-run/react";
import { FormToken } from "~/components/forms/form-token";
import { SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import { formatDateTime } from "~/lib/dates";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";
import { returnRefunded, type ReturnRequestView } from "~/modules/orders/returns";

/** Dates may arrive as strings (a page's data). */
type StaffReturn = Omit<ReturnRequestView, "createdAt" | "decidedAt"> & { createdAt: Date | string; decidedAt: Date | string | null };

interface Line {
  id: string;
  nameId: string;
  nameEn: string;
  variantName: string;
}

/**
 * The order's return requests for staff (decision 37): what the shopper asks, the photo, and the decision. Accepting
 * leads to a refund form filled with the request's lines (the page's usual refund, sent once); declining needs words
 * for the shopper.
 */
export function StaffReturns(props: {
  orderId: string;
  returns: StaffReturn[];
  lines: Line[];
  refunds: { status: string; createdAt: Date | string; lines: { orderLineId: string }[] }[];
  mayDecide: boolean;
  formToken: string;
  zone: IndonesianTimeZone;
  errors: Record<string, string | undefined>;
}) {
  const { t, locale } = useI18n();
  if (props.returns.length === 0) return null;
  const nameOf = (lineId: string) => {
    const line = props.lines.find((candidate) => candidate.id === lineId);
    return line ? `${locale === "en" ? line.nameEn : line.nameId}${line.variantName ? ` (${line.variantName})` : ""}` : "";
  };
  return (
    <section className="rounded-2xl bg-white p-4 text-sm ring-1 ring-sand-200" aria-labelledby="returns-heading">
      <h2 id="returns-heading" className="text-lg font-semibold">{t("order.return.title")}</h2>
      <ul className="mt-2 space-y-4" data-testid="staff-returns">
        {props.returns.map((request) => {
          const reasonLabel = t(`order.return.reason.${request.reasonCode}` as MessageKey);
          const refunded = returnRefunded(request, props.refunds);
          return (
            <li key={request.id} className="space-y-2 rounded-xl bg-sand-50 p-3">
              <p className="flex flex-wrap items-center justify-between gap-2">
                <span className="text-muted">{formatDateTime(locale, request.createdAt, props.zone)}</span>
                <span className="rounded-full bg-white px-3 py-1 text-xs font-semibold ring-1 ring-sand-300" data-testid="return-status">
                  {t(`order.return.status.${request.status}` as MessageKey)}
                  {refunded ? ` · ${t("fulfil.return.refunded")}` : ""}
                </span>
              </p>
              <ul>
                {request.lines.map((line) => <li key={line.orderLineId} className="font-semibold">{line.quantity} × {nameOf(line.orderLineId)}</li>)}
              </ul>
              <p>{reasonLabel}{request.reason ? `: ${request.reason}` : ""}</p>
              {request.hasPhoto ? (
                <a href={`/admin/orders/${props.orderId}/returns/${request.id}/photo`} target="_blank" rel="noreferrer" className="font-semibold text-sea-700 underline">
                  {t("fulfil.return.photo")}
                </a>
              ) : null}
              {request.decisionNote ? <p className="text-muted">{t("order.return.staffNote", { note: request.decisionNote })}</p> : null}
              {props.mayDecide && request.status === "requested" ? (
                <div className="grid gap-3 sm:grid-cols-2">
                  <Form method="post">
                    <input type="hidden" name="returnId" value={request.id} />
                    <input type="hidden" name="decision" value="accepted" />
                    <SubmitButton intent="decide_return">{t("fulfil.return.accept")}</SubmitButton>
                  </Form>
                  <Form method="post" className="space-y-2" noValidate>
                    <input type="hidden" name="returnId" value={request.id} />
                    <input type="hidden" name="decision" value="declined" />
                    <TextAreaField name="note" id={`decline-${request.id}`} label={t("fulfil.return.declineNote")} rows={2} required error={props.errors.note} />
                    <SubmitButton intent="decide_return" tone="danger">{t("fulfil.return.decline")}</SubmitButton>
                  </Form>
                </div>
              ) : null}
              {props.mayDecide && request.status === "accepted" && !refunded ? (
                <Form method="post" className="space-y-3 border-t border-sand-200 pt-3" noValidate aria-label={t("fulfil.return.refundTitle")}>
                  <p className="font-semibold">{t("fulfil.return.refundTitle")}</p>
                  <FormToken token={props.formToken} />
                  {props.lines.map((line) => (
                    <TextField
                      key={line.id}
                      name={`qty:${line.id}`}
                      id={`return-refund-${request.id}-${line.id}`}
                      label={t("fulfil.return.refundQuantity", { name: nameOf(line.id) })}
                      inputMode="numeric"
                      defaultValue={String(request.lines.find((asked) => asked.orderLineId === line.id)?.quantity ?? 0)}
                    />
                  ))}
                  <TextField name="shipping" id={`return-shipping-${request.id}`} label={t("fulfil.return.refundShipping")} inputMode="numeric" defaultValue="0" />
                  <TextField name="reason" id={`return-reason-${request.id}`} label={t("fulfil.refund.reason")} defaultValue={`${t("order.return.title")}: ${reasonLabel}`} required error={props.errors.reason} />
                  <label className="flex items-center gap-2"><input type="checkbox" name="byTransfer" /> {t("fulfil.refund.byTransfer")}</label>
                  <SubmitButton intent="refund">{t("fulfil.refund.submit")}</SubmitButton>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
