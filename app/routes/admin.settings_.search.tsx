import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import { FormToken } from "~/components/forms/form-token";
import { RowActions } from "~/components/forms/row-actions";
import { Pagination } from "~/components/listing/pagination";
import { SettingsHeader } from "~/components/settings-header";
import type { Db } from "~db/client";
import { newFormToken } from "~/lib/form-token.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { builtInSynonyms } from "~/modules/catalog/shop/search-lexicon";
import {
  deleteSynonym,
  getSynonym,
  listSynonyms,
  saveSynonym,
  synonymErrors,
  synonymSchema,
} from "~/modules/catalog/shop/synonyms.server";
import { invalid, parseForm, refused, saveOrAddOnce } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";

const savedMessages = {
  saved: "searchSettings.saved",
  deleted: "searchSettings.deleted",
} as const satisfies Record<string, MessageKey>;

/** The cooperative's own search synonyms (manager only), a page at a time, and the built-in ones for reference. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "settings.manage");
  const params = new URL(request.url).searchParams;
  const page = Math.min(Math.max(1, Math.trunc(Number(params.get("page"))) || 1), 1000);
  const editId = params.get("edit");
  const [list, editing] = await Promise.all([
    listSynonyms(context.db, cooperative.id, page),
    editId ? getSynonym(context.db, cooperative.id, editId) : undefined,
  ]);
  const saved = params.get("saved");
  return {
    ...list,
    page,
    editing: editing ?? null,
    builtIn: Object.entries(builtInSynonyms).map(([term, meanings]) => ({ term, meanings: [...meanings] })),
    saved: saved && saved in savedMessages ? savedMessages[saved as keyof typeof savedMessages] : null,
    formToken: newFormToken(),
  };
}

const done = (saved: keyof typeof savedMessages) => redirect(`/admin/settings/search?saved=${saved}`);

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "settings.manage");
  const formData = await request.formData();
  const who = { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp };
  const intent = formData.get("intent");
  if (intent === "delete") {
    const id = formData.get("id");
    const deleted = await deleteSynonym(context.db, { ...who, id: typeof id === "string" ? id : "" });
    if (!deleted.ok) return refused(formData, synonymErrors, deleted.error);
    return done("deleted");
  }
  if (intent !== "save") return invalid(formData, { form: "error.badRequest.body" }, 400);

  const save = async (db: Db, synonymId?: string) => {
    const parsed = parseForm(synonymSchema, formData);
    if (!parsed.ok) return { refused: parsed.answer };
    const saved = await saveSynonym(db, { ...who, id: synonymId, synonym: parsed.data });
    if (!saved.ok) return { refused: refused(formData, synonymErrors, saved.error) };
    return { done: { id: saved.id } };
  };
  // A new synonym: a second post of the same form (a double tap) adds nothing more.
  const key = { cooperativeId: cooperative.id, purpose: "search.synonym.create", userId: actor.userId };
  const saved = await saveOrAddOnce(context.db, key, formData, save);
  return saved.ok ? done("saved") : saved.answer;
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("searchSettings.title")} · ${root.cooperative.name}`, description: t("searchSettings.intro"), noindex: true }));

export default function SearchSettingsPage() {
  const { synonyms, total, page, pageCount, editing, builtIn, saved, formToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const failed = result && "errors" in result ? result : null;
  const errors: Record<string, string | undefined> = failed && failed.values.intent === "save" ? failed.errors : {};
  const values: Record<string, string | undefined> | null = failed && failed.values.intent === "save" ? failed.values : null;
  const formError = failed?.errors.form;

  return (
    <div className="max-w-3xl space-y-6">
      <SettingsHeader title={t("searchSettings.title")} intro={t("searchSettings.intro")} />
      {saved && !failed ? <Alert tone="success">{t(saved)}</Alert> : null}
      {formError ? <Alert tone="error">{t(formError as MessageKey)}</Alert> : null}

      <Form
        method="post"
        id="synonym-form"
        key={`${editing?.id ?? "new"}:${formToken}`}
        className="scroll-mt-60 space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200 sm:scroll-mt-32"
        noValidate
      >
        <h2 className="text-lg font-semibold">{editing ? t("searchSettings.form.editTitle", { term: editing.term }) : t("searchSettings.form.addTitle")}</h2>
        {editing ? <input type="hidden" name="id" value={editing.id} /> : <FormToken token={formToken} />}
        <TextField
          name="term"
          label={t("searchSettings.field.term")}
          hint={t("searchSettings.hint.term")}
          autoCapitalize="none"
          defaultValue={values?.term ?? editing?.term ?? ""}
          error={errors.term}
        />
        <TextAreaField
          name="meanings"
          label={t("searchSettings.field.meanings")}
          hint={t("searchSettings.hint.meanings")}
          autoCapitalize="none"
          rows={2}
          defaultValue={values?.meanings ?? editing?.meanings.join(", ") ?? ""}
          error={errors.meanings}
        />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton intent="save">{editing ? t("searchSettings.form.save") : t("searchSettings.form.add")}</SubmitButton>
          {editing ? (
            <Link to="/admin/settings/search" className="btn bg-white text-ink ring-1 ring-sand-300 hover:bg-sand-100">
              {t("searchSettings.form.cancel")}
            </Link>
          ) : null}
        </div>
      </Form>

      <section aria-labelledby="synonyms-heading" className="space-y-3 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="synonyms-heading" className="text-lg font-semibold">
          {t("searchSettings.list.title", { count: total })}
        </h2>
        {synonyms.length === 0 ? (
          <p className="rounded-xl bg-sand-100 p-4 text-sm">{t("searchSettings.list.empty")}</p>
        ) : (
          <ul className="divide-y divide-sand-200 rounded-xl ring-1 ring-sand-200">
            {synonyms.map((synonym) => (
              <li key={synonym.id} className={`flex flex-wrap items-center justify-between gap-3 p-3 ${editing?.id === synonym.id ? "bg-sea-50" : ""}`}>
                <p className="min-w-0">
                  <span className="font-semibold">{synonym.term}</span> <span aria-hidden="true">→</span>
                  <span className="sr-only">{t("searchSettings.list.alsoFinds")}</span> {synonym.meanings.join(", ")}
                </p>
                <RowActions
                  id={synonym.id}
                  formId="synonym-form"
                  edit={t("searchSettings.list.edit")}
                  editLabel={t("searchSettings.list.editLabel", { term: synonym.term })}
                  remove={t("searchSettings.list.delete")}
                  removeLabel={t("searchSettings.list.deleteLabel", { term: synonym.term })}
                />
              </li>
            ))}
          </ul>
        )}
        <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/admin/settings/search?page=${p}`} />
      </section>

      <details className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t("searchSettings.builtIn.title", { count: builtIn.length })}</summary>
        <p className="mt-2 text-sm text-muted">{t("searchSettings.builtIn.intro")}</p>
        <ul className="mt-3 grid gap-1 text-sm sm:grid-cols-2">
          {builtIn.map((synonym) => (
            <li key={synonym.term}>
              <span className="font-semibold">{synonym.term}</span> → {synonym.meanings.join(", ")}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
