import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField } from "~/components/forms/checkbox-field";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { FormToken } from "~/components/forms/form-token";
import { ProvinceRegencySelect } from "~/components/province-regency-select";
import { SettingsHeader } from "~/components/settings-header";
import type { Db } from "~db/client";
import { newFormToken } from "~/lib/form-token.server";
import { invalid, parseForm, submitFormOnce } from "~/web/forms.server";
import { notFound } from "~/lib/http.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { listProvinces, listRegencies } from "~/lib/indonesia/areas.server";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import {
  deleteShippingRate,
  deliverySettingsSchema,
  getDeliverySettings,
  saveDeliverySettings,
  saveShippingRate,
  shippingRateSchema,
  type ShippingRateError,
} from "~/modules/checkout/delivery-settings.server";
import { forgetCachedCooperative } from "~/modules/tenancy/cooperative.server";
import { requireAbility } from "~/web/guards.server";

const savedMessages = {
  options: "deliverySettings.saved.options",
  unchanged: "settings.unchanged",
  rate: "deliverySettings.saved.rate",
  deleted: "deliverySettings.saved.deleted",
} as const satisfies Record<string, MessageKey>;

/** Pickup, local delivery and the courier rate table; each rate shows its area by name. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "settings.manage");
  const found = await getDeliverySettings(context.db, cooperative.id);
  if (!found) throw notFound();
  const params = new URL(request.url).searchParams;
  const provinces = await listProvinces();
  const provinceName = new Map(provinces.map((province) => [province.code, province.name]));
  const regencyName = new Map<string, string>();
  for (const code of new Set(found.rates.filter((rate) => rate.regencyCode).map((rate) => rate.provinceCode))) {
    for (const regency of await listRegencies(code)) regencyName.set(regency.code, regency.name);
  }
  const rates = found.rates.map((rate) => ({
    ...rate,
    province: provinceName.get(rate.provinceCode) ?? rate.provinceCode,
    regency: rate.regencyCode ? (regencyName.get(rate.regencyCode) ?? rate.regencyCode) : null,
  }));
  const editing = rates.find((rate) => rate.id === params.get("edit")) ?? null;
  const saved = params.get("saved");
  return {
    settings: found.settings,
    rates,
    provinces,
    uncovered: provinces.filter((province) => !found.rates.some((rate) => rate.provinceCode === province.code && rate.regencyCode === null)).map((province) => province.name),
    editing,
    editingRegencies: editing ? await listRegencies(editing.provinceCode) : [],
    saved: saved && saved in savedMessages ? savedMessages[saved as keyof typeof savedMessages] : null,
    formToken: newFormToken(),
  };
}

/** Each refusal of a rate, on its field, with its status. */
const rateErrors: Record<ShippingRateError, [field: string, message: MessageKey, status: 404 | 409 | 422]> = {
  unknown_area: ["regencyCode", "deliverySettings.error.unknownArea", 422],
  duplicate_area: ["provinceCode", "deliverySettings.error.duplicateArea", 409],
  not_found: ["form", "deliverySettings.error.notFound", 404],
};

const done = (saved: keyof typeof savedMessages) => redirect(`/admin/settings/delivery?saved=${saved}`);

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "settings.manage");
  const formData = await request.formData();
  const who = { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp };
  const intent = formData.get("intent");
  const id = formData.get("id");
  if (intent === "options") {
    const parsed = parseForm(deliverySettingsSchema, formData);
    if (!parsed.ok) return parsed.answer;
    const { changed } = await saveDeliverySettings(context.db, { ...who, settings: parsed.data });
    // The shop's cached cooperative carries these too.
    if (changed.length > 0) forgetCachedCooperative(cooperative.id);
    return done(changed.length > 0 ? "options" : "unchanged");
  }
  if (intent === "delete") {
    const deleted = await deleteShippingRate(context.db, { ...who, id: typeof id === "string" ? id : "" });
    if (!deleted.ok) return invalid(formData, { form: "deliverySettings.error.notFound" }, 404);
    return done("deleted");
  }
  if (intent !== "rate") return invalid(formData, { form: "error.badRequest.body" }, 400);

  const saveRate = async (db: Db, rateId?: string) => {
    const parsed = parseForm(shippingRateSchema, formData);
    if (!parsed.ok) return { refused: parsed.answer };
    const saved = await saveShippingRate(db, { ...who, id: rateId, rate: parsed.data });
    if (!saved.ok) {
      const [field, message, status] = rateErrors[saved.error];
      return { refused: invalid(formData, { [field]: message }, status) };
    }
    return { done: { id: saved.id } };
  };
  if (typeof id === "string" && id !== "") {
    const changed = await saveRate(context.db, id);
    return "refused" in changed ? changed.refused : done("rate");
  }
  // A new rate: a second post of the same form (a double tap) adds nothing more.
  const key = { cooperativeId: cooperative.id, purpose: "delivery.rate.create", userId: actor.userId };
  const added = await submitFormOnce(context.db, key, formData, (tx) => saveRate(tx));
  if (!added.ok) return added.answer;
  return done("rate");
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("deliverySettings.title")} · ${root.cooperative.name}`, description: t("deliverySettings.intro"), noindex: true }));

/** `12.000`: what the manager typed before, as they would type it. */
const typedRupiah = (amount: number) => formatRupiah(amount).replace(/^Rp\s*/, "");

export default function DeliverySettingsPage() {
  const { settings, rates, provinces, uncovered, editing, editingRegencies, saved, formToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const failed = result && "errors" in result ? result : null;
  const errorsOf = (intent: string): Record<string, string | undefined> => (failed && failed.values.intent === intent ? failed.errors : {});
  const valuesOf = (intent: string): Record<string, string | undefined> | null => (failed && failed.values.intent === intent ? failed.values : null);
  const optionErrors = errorsOf("options");
  const optionValues = valuesOf("options");
  const rateFormErrors = errorsOf("rate");
  const rateValues = valuesOf("rate");
  const formError = failed?.errors.form;
  const area = (rate: { province: string; regency: string | null }) => (rate.regency ? `${rate.regency}, ${rate.province}` : rate.province);
  const rateValue = (name: "firstKg" | "nextKg" | "etaDaysMin" | "etaDaysMax", fallback: string) => rateValues?.[name] ?? (editing ? String(name.startsWith("eta") ? editing[name] : typedRupiah(editing[name])) : fallback);

  return (
    <div className="max-w-3xl space-y-6">
      <SettingsHeader title={t("deliverySettings.title")} intro={t("deliverySettings.intro")} />
      {saved && !failed ? <Alert tone="success">{t(saved)}</Alert> : null}
      {formError ? <Alert tone="error">{t(formError as MessageKey)}</Alert> : null}

      <section aria-labelledby="options-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="options-heading" className="text-lg font-semibold">{t("deliverySettings.options.title")}</h2>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <CheckboxField
            name="pickupEnabled"
            label={t("deliverySettings.field.pickup")}
            hint={t("deliverySettings.hint.pickup")}
            defaultChecked={optionValues ? optionValues.pickupEnabled === "on" : settings.pickupEnabled}
          />
          <CheckboxField
            name="localDelivery"
            label={t("deliverySettings.field.localDelivery")}
            hint={t("deliverySettings.hint.localDelivery")}
            defaultChecked={optionValues ? optionValues.localDelivery === "on" : settings.localDeliveryFee !== null}
          />
          <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
            <TextField
              name="localDeliveryFee"
              label={t("deliverySettings.field.localDeliveryFee")}
              hint={t("deliverySettings.hint.localDeliveryFee")}
              inputMode="numeric"
              defaultValue={optionValues?.localDeliveryFee ?? (settings.localDeliveryFee === null ? "" : typedRupiah(settings.localDeliveryFee))}
              error={optionErrors.localDeliveryFee}
            />
            <TextField
              name="localDeliveryArea"
              label={t("deliverySettings.field.localDeliveryArea")}
              hint={t("deliverySettings.hint.localDeliveryArea")}
              defaultValue={optionValues?.localDeliveryArea ?? settings.localDeliveryArea}
              error={optionErrors.localDeliveryArea}
            />
          </div>
          <SubmitButton intent="options">{t("form.save")}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="rates-heading" className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <div>
          <h2 id="rates-heading" className="text-lg font-semibold">{t("deliverySettings.rates.title")}</h2>
          <p className="text-sm text-muted">{t("deliverySettings.rates.intro")}</p>
        </div>
        <p className="text-sm">
          {uncovered.length === 0
            ? t("deliverySettings.rates.allCovered")
            : t("deliverySettings.rates.uncovered", { count: uncovered.length, names: uncovered.join(", ") })}
        </p>
        <Form method="post" id="rate-form" key={`${editing?.id ?? "new"}:${formToken}`} className="scroll-mt-60 space-y-4 rounded-xl bg-sand-100 p-4 sm:scroll-mt-32" noValidate>
          <h3 className="font-semibold">{editing ? t("deliverySettings.form.editTitle", { area: area(editing) }) : t("deliverySettings.form.addTitle")}</h3>
          {editing ? <input type="hidden" name="id" value={editing.id} /> : <FormToken token={formToken} />}
          <ProvinceRegencySelect
            provinces={provinces}
            provinceCode={rateValues?.provinceCode ?? editing?.provinceCode ?? ""}
            regencyCode={rateValues?.regencyCode ?? editing?.regencyCode ?? ""}
            regencies={rateValues ? [] : editingRegencies}
            errors={rateFormErrors}
          />
          <div className="grid grid-cols-2 gap-4">
            <TextField name="firstKg" label={t("deliverySettings.field.firstKg")} inputMode="numeric" defaultValue={rateValue("firstKg", "")} error={rateFormErrors.firstKg} />
            <TextField name="nextKg" label={t("deliverySettings.field.nextKg")} inputMode="numeric" defaultValue={rateValue("nextKg", "")} error={rateFormErrors.nextKg} />
            <TextField name="etaDaysMin" label={t("deliverySettings.field.etaDaysMin")} inputMode="numeric" defaultValue={rateValue("etaDaysMin", "2")} error={rateFormErrors.etaDaysMin} />
            <TextField name="etaDaysMax" label={t("deliverySettings.field.etaDaysMax")} inputMode="numeric" defaultValue={rateValue("etaDaysMax", "4")} error={rateFormErrors.etaDaysMax} />
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <SubmitButton intent="rate">{editing ? t("deliverySettings.form.save") : t("deliverySettings.form.add")}</SubmitButton>
            {editing ? (
              <Link to="/admin/settings/delivery" className="btn bg-white text-ink ring-1 ring-sand-300 hover:bg-sand-100">
                {t("deliverySettings.form.cancel")}
              </Link>
            ) : null}
          </div>
        </Form>
        {rates.length === 0 ? (
          <p className="rounded-xl bg-sand-100 p-4 text-sm">{t("deliverySettings.rates.empty")}</p>
        ) : (
          <ul className="divide-y divide-sand-200 rounded-xl ring-1 ring-sand-200">
            {rates.map((rate) => (
              <li key={rate.id} className={`space-y-1 p-3 ${editing?.id === rate.id ? "bg-sea-50" : ""}`}>
                <div className="flex items-center justify-between gap-3">
                  <p className="min-w-0 font-semibold">{area(rate)}</p>
                  <div className="flex shrink-0 gap-2">
                    <Link
                      to={`?edit=${rate.id}#rate-form`}
                      aria-label={t("deliverySettings.rates.editLabel", { area: area(rate) })}
                      className="btn bg-white text-ink ring-1 ring-sand-300 hover:bg-sand-100"
                    >
                      {t("deliverySettings.rates.edit")}
                    </Link>
                    <Form method="post">
                      <input type="hidden" name="id" value={rate.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="delete"
                        aria-label={t("deliverySettings.rates.deleteLabel", { area: area(rate) })}
                        className="btn bg-white text-clay-700 ring-1 ring-sand-300 hover:bg-clay-500/10"
                      >
                        {t("deliverySettings.rates.delete")}
                      </button>
                    </Form>
                  </div>
                </div>
                <p className="text-sm text-muted">
                  {t("deliverySettings.rates.prices", { first: formatRupiah(rate.firstKg), next: formatRupiah(rate.nextKg) })} ·{" "}
                  {t("deliverySettings.rates.eta", { min: rate.etaDaysMin, max: rate.etaDaysMax })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
