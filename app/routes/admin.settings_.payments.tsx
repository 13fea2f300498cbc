import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { z } from "zod";
import { CheckboxField } from "~/components/forms/checkbox-field";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { SettingsHeader } from "~/components/settings-header";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime } from "~/lib/dates";
import { invalid, parseForm } from "~/web/forms.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { secretsKey } from "~/lib/secrets-key.server";
import {
  disableProviderAccount,
  providerAccountSummaries,
  saveProviderAccount,
  type ProviderAccountError,
} from "~/modules/payments/accounts.server";
import { requireAbility } from "~/web/guards.server";

/**
 * The cooperative's own Midtrans and Stripe accounts (docs/decisions/0021). Secrets go in and never come back
 * out: the page shows masked hints, and a refused form is sent back without what was typed in a secret field.
 */
const outcomes = {
  saved: "paymentSettings.saved",
  unchanged: "paymentSettings.unchanged",
  disabled: "paymentSettings.disabled",
} as const satisfies Record<string, MessageKey>;

/** What the last post did, from the address it sent the browser to (`?midtrans=saved`). */
function outcomeOf(params: URLSearchParams, provider: "midtrans" | "stripe"): MessageKey | null {
  const outcome = params.get(provider);
  return outcome && outcome in outcomes ? outcomes[outcome as keyof typeof outcomes] : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "settings.manage");
  const summaries = await providerAccountSummaries(context.db, cooperative.id);
  const params = new URL(request.url).searchParams;
  return {
    outcomes: { midtrans: outcomeOf(params, "midtrans"), stripe: outcomeOf(params, "stripe") },
    canStore: secretsKey() !== null,
    midtrans: summaries.find((summary) => summary.provider === "midtrans") ?? null,
    stripe: summaries.find((summary) => summary.provider === "stripe") ?? null,
    webhookUrls: { midtrans: `${cooperative.origin}/webhooks/midtrans`, stripe: `${cooperative.origin}/webhooks/stripe` },
    bank: { name: cooperative.bankName, number: cooperative.bankAccountNumber, holder: cooperative.bankAccountHolder },
  };
}

const secretFields = ["serverKey", "secretKey", "webhookSecret"] as const;
const keyText = z.string().trim().max(300, "paymentSettings.error.tooLong").default("");
const onOff = z.preprocess((value) => value === "on" || value === "true", z.boolean());
const accountForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("midtrans"), serverKey: keyText, clientKey: keyText, production: onOff, enabled: onOff }),
  z.object({ intent: z.literal("stripe"), secretKey: keyText, webhookSecret: keyText, enabled: onOff }),
  z.object({ intent: z.literal("disable"), provider: z.enum(["midtrans", "stripe"], { error: "error.badRequest.body" }) }),
]);

/** After a post that worked the browser loads the page afresh, so no typed secret stays in a field. */
const done = (provider: "midtrans" | "stripe", outcome: keyof typeof outcomes) => redirect(`/admin/settings/payments?${provider}=${outcome}`);

/** Each refusal of the accounts module, on the field it is about. */
const accountErrors: Record<ProviderAccountError, [field: string, message: MessageKey]> = {
  server_key_required: ["serverKey", "paymentSettings.error.serverKeyRequired"],
  server_key_shape: ["serverKey", "paymentSettings.error.serverKeyShape"],
  client_key_shape: ["clientKey", "paymentSettings.error.clientKeyShape"],
  midtrans_environment: ["production", "paymentSettings.error.midtransEnvironment"],
  secret_key_required: ["secretKey", "paymentSettings.error.secretKeyRequired"],
  secret_key_shape: ["secretKey", "paymentSettings.error.secretKeyShape"],
  webhook_secret_required: ["webhookSecret", "paymentSettings.error.webhookSecretRequired"],
  webhook_secret_shape: ["webhookSecret", "paymentSettings.error.webhookSecretShape"],
  stored_unreadable: ["form", "paymentSettings.error.storedUnreadable"],
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "settings.manage");
  const formData = await request.formData();
  const parsed = parseForm(accountForm, formData);
  // Whatever happens next, what was typed in a secret field is never sent back to the page.
  for (const field of secretFields) formData.delete(field);
  if (!parsed.ok) {
    const intent = formData.get("intent");
    if (intent !== "midtrans" && intent !== "stripe") return invalid(formData, { form: "error.badRequest.body" }, 400);
    return invalid(formData, parsed.answer.data.errors);
  }
  const form = parsed.data;
  const who = { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp };
  if (form.intent === "disable") {
    const disabled = await disableProviderAccount(context.db, { ...who, provider: form.provider });
    if (!disabled.ok) return invalid(formData, { form: "paymentSettings.error.notFound" }, 404);
    return done(form.provider, "disabled");
  }
  const key = secretsKey();
  if (!key) return invalid(formData, { form: "paymentSettings.noSecretsKey" }, 409);
  const saved = await saveProviderAccount(context.db, form.intent === "midtrans" ? { ...who, ...form, provider: "midtrans" } : { ...who, ...form, provider: "stripe" }, key);
  if (!saved.ok) {
    const errors: Record<string, string> = {};
    for (const error of saved.errors) errors[accountErrors[error][0]] ??= accountErrors[error][1];
    return invalid(formData, errors);
  }
  return done(form.intent, saved.changed ? "saved" : "unchanged");
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("paymentSettings.title")} · ${root.cooperative.name}`, description: t("paymentSettings.intro"), noindex: true }));

type Result = ReturnType<typeof useActionData<typeof action>>;

/** What the last post said about one provider's form: its outcome, or its field errors and what was typed (secrets excepted). */
function resultFor(result: Result, outcome: MessageKey | null, provider: "midtrans" | "stripe"): Outcome {
  if (result && "errors" in result) {
    const mine = result.values.intent === provider || result.values.provider === provider;
    return mine ? { errors: result.errors, values: result.values } : { errors: {}, values: {} };
  }
  return { message: outcome ?? undefined, errors: {}, values: {} };
}

type Outcome = { message?: MessageKey; errors: Record<string, string | undefined>; values: Record<string, string | undefined> };

export default function PaymentSettingsPage() {
  const { outcomes, canStore, midtrans, stripe, webhookUrls, bank } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const formError = result && "errors" in result ? (result.errors as Record<string, string | undefined>).form : undefined;
  const forMidtrans = resultFor(result, outcomes.midtrans, "midtrans");
  const forStripe = resultFor(result, outcomes.stripe, "stripe");
  return (
    <div className="max-w-3xl space-y-6">
      <SettingsHeader title={t("paymentSettings.title")} intro={t("paymentSettings.intro")} />
      {!canStore ? <Alert tone="info">{t("paymentSettings.noSecretsKey")}</Alert> : null}
      {formError ? <Alert tone="error">{t(formError as MessageKey)}</Alert> : null}

      <section aria-labelledby="manual-heading" className="space-y-2 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="manual-heading" className="text-lg font-semibold">{t("paymentSettings.manual.title")}</h2>
          <StatusBadge state="on" />
        </div>
        <p className="text-sm">
          {bank.name && bank.number ? t("paymentSettings.manual.account", { bank: bank.name, number: bank.number, holder: bank.holder }) : t("paymentSettings.manual.missing")}
        </p>
        <Link to="/admin/settings" className="inline-flex min-h-11 items-center text-sm font-semibold text-sea-700 underline underline-offset-2">
          {t("paymentSettings.manual.edit")}
        </Link>
      </section>

      <ProviderSection provider="midtrans" summary={midtrans} outcome={forMidtrans} webhookUrl={webhookUrls.midtrans}>
        <SecretField name="serverKey" stored={midtrans?.hint} error={forMidtrans.errors.serverKey} />
        <TextField
          name="clientKey"
          label={t("paymentSettings.field.clientKey")}
          hint={t("paymentSettings.hint.clientKey")}
          defaultValue={forMidtrans.values.clientKey ?? midtrans?.settings.clientKey ?? ""}
          error={forMidtrans.errors.clientKey}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="space-y-1">
          <CheckboxField
            name="production"
            label={t("paymentSettings.field.production")}
            hint={t("paymentSettings.hint.production")}
            defaultChecked={"intent" in forMidtrans.values ? forMidtrans.values.production === "on" : (midtrans?.settings.production ?? false)}
            aria-invalid={forMidtrans.errors.production ? true : undefined}
          />
          {forMidtrans.errors.production ? <p className="text-sm font-medium text-clay-700">{t(forMidtrans.errors.production as MessageKey)}</p> : null}
        </div>
      </ProviderSection>

      <ProviderSection
        provider="stripe"
        summary={stripe}
        outcome={forStripe}
        webhookUrl={webhookUrls.stripe}
        mode={stripe ? t(/^[sr]k_live_/.test(stripe.hint) ? "paymentSettings.stripe.live" : "paymentSettings.stripe.test") : undefined}
      >
        <SecretField name="secretKey" stored={stripe?.hint} error={forStripe.errors.secretKey} />
        <SecretField name="webhookSecret" stored={stripe?.settings.webhookSecretHint || undefined} error={forStripe.errors.webhookSecret} />
      </ProviderSection>
    </div>
  );
}

function StatusBadge(props: { state: "on" | "off" | "none" }) {
  const { t } = useI18n();
  const tone = props.state === "on" ? "bg-sea-50 text-sea-800 ring-sea-100" : props.state === "off" ? "bg-sand-100 text-ink ring-sand-300" : "bg-clay-500/10 text-clay-700 ring-clay-500/30";
  return <span className={`rounded-full px-3 py-1 text-xs font-semibold ring-1 ${tone}`}>{t(`paymentSettings.status.${props.state}`)}</span>;
}

/** A secret is never shown again: the field starts empty, and says which key is stored and that empty keeps it. */
function SecretField(props: { name: (typeof secretFields)[number]; stored?: string; error?: string }) {
  const { t } = useI18n();
  const hint = t(`paymentSettings.hint.${props.name}`);
  return (
    <TextField
      name={props.name}
      label={t(`paymentSettings.field.${props.name}`)}
      hint={props.stored ? `${t("paymentSettings.hint.keep", { hint: props.stored })} ${hint}` : hint}
      type="password"
      autoComplete="off"
      spellCheck={false}
      defaultValue=""
      error={props.error}
    />
  );
}

/** One provider: its status, where to find its keys, the address to paste into its dashboard, and its form. */
function ProviderSection(props: {
  provider: "midtrans" | "stripe";
  summary: { enabled: boolean; updatedAt: Date | string } | null;
  outcome: Outcome;
  webhookUrl: string;
  /** Stripe's test or live mode, read from its key's hint. */
  mode?: string;
  children: ReactNode;
}) {
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  const { provider, summary, outcome } = props;
  const title = t(`paymentSettings.${provider}.title`);
  const updated = summary ? t("paymentSettings.updated", { date: formatDateTime(locale, summary.updatedAt, zone) }) : null;
  const form = useRef<HTMLFormElement>(null);
  const location = useLocation();
  // Saved: the browser came back to this page, but the fields still hold what was typed. Empty them.
  useEffect(() => {
    if (outcome.message) form.current?.reset();
  }, [location.key, outcome.message]);
  const typedEnabled = "intent" in outcome.values ? outcome.values.enabled === "on" : undefined;
  const count = Object.keys(outcome.errors).filter((key) => key !== "form").length;
  return (
    <section aria-labelledby={`${provider}-heading`} className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${provider}-heading`} className="text-lg font-semibold">{title}</h2>
        <StatusBadge state={!summary ? "none" : summary.enabled ? "on" : "off"} />
      </div>
      <p className="text-sm text-muted">{t(`paymentSettings.${provider}.intro`)}</p>
      {updated ? <p className="text-xs text-muted">{[props.mode, updated].filter(Boolean).join(" · ")}</p> : null}
      {outcome.message ? <Alert tone="success">{t(outcome.message, { provider: title })}</Alert> : null}
      {count > 0 ? <Alert tone="error">{t("form.fixErrorsCount", { count })}</Alert> : null}
      <div className="space-y-1 rounded-xl bg-sand-100 p-3 text-sm">
        <p>{t(`paymentSettings.${provider}.webhook`)}</p>
        <p className="select-all break-all font-mono text-sm font-semibold">{props.webhookUrl}</p>
        {provider === "stripe" ? <p className="text-xs text-muted">{t("paymentSettings.stripe.events")}</p> : null}
      </div>
      <Form method="post" ref={form} className="space-y-4" noValidate>
        {props.children}
        <CheckboxField name="enabled" id={`${provider}-enabled`} label={t("paymentSettings.field.enabled")} defaultChecked={typedEnabled ?? summary?.enabled ?? true} />
        <SubmitButton intent={provider}>{t("form.save")}</SubmitButton>
      </Form>
      {summary?.enabled ? (
        <Form method="post">
          <input type="hidden" name="provider" value={provider} />
          <SubmitButton intent="disable" tone="quiet">{t("paymentSettings.disable")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
