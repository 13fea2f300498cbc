import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { exportPayoutRun } from "~/flows/run-payout.server";
import { httpError, notFound } from "~/lib/http.server";
import { uuidPattern } from "~/lib/ids";
import { bankFileFormats, type BankFileFormat } from "~/modules/payouts/bank-files.server";
import { payoutErrors } from "~/modules/payouts/rules";
import { requireAbility } from "~/web/guards.server";

/** Exporting changes the run (approved -> exported) and is audited, so it is a POST; a GET here is refused. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAbility(request, context, "payouts.run");
  throw new Response(null, { status: 405, headers: { Allow: "POST" } });
}

/** The run's bank file (treasurers only: it holds full account numbers). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "payouts.run");
  if (!params.id || !uuidPattern.test(params.id)) throw notFound();
  const format = String((await request.formData()).get("format") ?? "");
  if (!(bankFileFormats as readonly string[]).includes(format)) throw httpError(400, "payouts.error.format");
  const exported = await exportPayoutRun(context.db, {
    cooperativeId: cooperative.id,
    actorUserId: actor.userId,
    ipAddress: context.clientIp,
    runId: params.id,
    format: format as BankFileFormat,
    debitAccount: cooperative.bankAccountNumber,
    date: new Date(),
  });
  if (!exported.ok) throw httpError(payoutErrors[exported.error].status as 404 | 409, payoutErrors[exported.error].message);
  // Spreadsheets want the BOM to read UTF-8; a bank upload wants the bytes as specified.
  return new Response(format === "mandiri" ? exported.file : `\ufeff${exported.file}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="pencairan-${exported.number}-${format}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
