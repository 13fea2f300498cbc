import { Form } from "@remix-run/react";
import { FormToken } from "~/components/forms/form-token";
import { SelectField, SubmitButton, TextAreaField } from "~/components/forms/field";
import type { ShopperOrderView } from "~/components/shopper-order";
import { formatDateTime } from "~/lib/dates";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { acceptedImageTypes } from "~/modules/media/images";
import { returnReasons } from "~/modules/orders/returns";

const statusTone = { requested: "bg-sand-100 text-ink", accepted: "bg-sea-50 text-sea-800", declined: "bg-clay-500/10 text-clay-700" } as const;

/** The shopper's return requests with their status, and the form to ask for one while the window is open. */
export function ShopperReturns(props: { view: ShopperOrderView; errors: Record<string, string | undefined>; base: string }) {
  const { returns, returnForm, returnDays, zone, formToken } = props.view;
  const { errors } = props;
  const { t, locale } = useI18n();
  if (returns.length === 0 && !returnForm) return null;
  const nameOf = (line: { nameId: string; nameEn: string; variantName: string }) => `${locale === "en" ? line.nameEn : line.nameId}${line.variantName ? ` (${line.variantName})` : ""}`;
  return (
    <section className="space-y-4 rounded-2xl bg-white p-4 text-sm ring-1 ring-sand-200" aria-labelledby="returns-heading">
      <h2 id="returns-heading" className="text-lg font-semibold">{t("order.return.title")}</h2>
      {returns.length > 0 ? (
        <ul className="space-y-3" data-testid="return-requests">
          {returns.map((request) => (
            <li key={request.id} className="space-y-1 rounded-xl bg-sand-50 p-3">
              <p className="flex flex-wrap items-center justify-between gap-2">
                <span className="text-muted">{formatDateTime(locale, request.createdAt, zone)}</span>
                <span className={`rounded-full px-3 py-1 text-xs font-semibold ${statusTone[request.status]}`} data-testid="return-status">
                  {t(`order.return.status.${request.status}` as MessageKey)}
                </span>
              </p>
              <p>{request.lines.map((line) => `${line.quantity} × ${nameOf(line)}`).join(", ")}</p>
              <p>
                {t(`order.return.reason.${request.reasonCode}` as MessageKey)}
                {request.reason ? `: ${request.reason}` : ""}
              </p>
              {request.hasPhoto ? (
                <a href={`${props.base}/returns/${request.id}/photo`} className="font-semibold text-sea-700 underline" target="_blank" rel="noreferrer">
                  {t("order.return.seePhoto")}
                </a>
              ) : null}
              {request.decisionNote ? <p className="font-medium">{t("order.return.staffNote", { note: request.decisionNote })}</p> : null}
              {request.status === "accepted" ? <p className="text-muted">{t("order.return.acceptedHint")}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {returnForm ? (
        <Form method="post" encType="multipart/form-data" className="space-y-4" noValidate aria-labelledby="return-form-heading">
          <h3 id="return-form-heading" className="font-semibold">{t("order.return.ask")}</h3>
          <p className="text-muted">{t("order.return.intro", { days: returnDays, date: formatDateTime(locale, returnForm.until, zone) })}</p>
          <FormToken token={formToken} />
          <input type="hidden" name="intent" value="return" />
          <fieldset className="space-y-2" aria-describedby={errors.lines ? "lines-error" : undefined}>
            <legend className="text-sm font-semibold">{t("order.return.lines")}</legend>
            {returnForm.lines.map((line) => (
              <div key={line.id} className="flex items-center justify-between gap-3">
                <label htmlFor={`return-${line.id}`} className="min-w-0">
                  {nameOf(line)} <span className="block text-xs text-muted">{t("order.return.left", { count: line.left })}</span>
                </label>
                <input
                  id={`return-${line.id}`}
                  name={`qty:${line.id}`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={line.left}
                  defaultValue={0}
                  className="field w-20 shrink-0"
                  aria-invalid={errors.lines ? true : undefined}
                  aria-describedby={errors.lines ? "lines-error" : undefined}
                />
              </div>
            ))}
            {errors.lines ? <p id="lines-error" className="text-sm font-medium text-clay-700">{t(errors.lines as MessageKey)}</p> : null}
          </fieldset>
          <SelectField
            name="reasonCode"
            label={t("order.return.reasonCode")}
            options={returnReasons.map((reason) => ({ value: reason, label: t(`order.return.reason.${reason}` as MessageKey) }))}
            error={errors.reasonCode}
          />
          <TextAreaField name="reason" label={t("order.return.reasonText")} hint={t("order.return.reasonHint")} maxLength={1000} rows={3} error={errors.reason} />
          <div className="space-y-1">
            <label htmlFor="photo" className="block text-sm font-semibold">{t("order.return.photo")}</label>
            <input
              id="photo"
              name="photo"
              type="file"
              accept={acceptedImageTypes}
              className="block w-full text-sm"
              aria-invalid={errors.photo ? true : undefined}
              aria-describedby={errors.photo ? "photo-hint photo-error" : "photo-hint"}
            />
            <p id="photo-hint" className="text-xs text-muted">{t("order.return.photoHint")}</p>
            {errors.photo ? <p id="photo-error" className="text-sm font-medium text-clay-700">{t(errors.photo as MessageKey)}</p> : null}
          </div>
          <SubmitButton>{t("order.return.submit")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
