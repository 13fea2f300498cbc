import fs from "node:fs";
import { parse } from "csv-parse/sync";
import type { Download, Page } from "@playwright/test";
import { expect, test } from "../support/shop";
import { PDFParse } from "pdf-parse";
import { expectNoSeriousA11yViolations, newPhone, signInAs, waitForMail } from "../support/e2e";

test.use({ viewport: { width: 390, height: 844 } });

const rupiah = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));
const DAY = 86_400_000;

/** Moves the shop's test clock (decision 34): 61 days is past any hold a cooperative may set (at most 60). */
function moveClock(offsetMs: number) {
  const file = process.env.E2E_CLOCK_FILE!;
  if (offsetMs === 0) fs.rmSync(file, { force: true });
  else fs.writeFileSync(file, String(offsetMs));
}
test.afterAll(() => moveClock(0));

async function downloaded(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function availableOf(member: Page) {
  await member.goto("/member/keuangan");
  return rupiah(await member.getByTestId("money-available").textContent());
}

test("paid and completed at the outlet -> the hold passes -> a treasurer makes a run, another approves, exports, marks paid -> the member sees the payout and a statement that reconciles", async ({ page, browser }) => {
  test.slow();
  // The member (Petis Mak Tinah): what they had before, whatever other journeys sold of theirs.
  const member = await newPhone(browser);
  await signInAs(member, "anggota2@kopwan-binor.example");
  const availableBefore = await availableOf(member);
  const pendingBefore = rupiah(await member.getByTestId("money-pending").textContent());

  // Two jars of petis sold at the counter, paid cash: paid and completed at once.
  const cashier = await newPhone(browser);
  await signInAs(cashier, "gudang@kopwan-binor.example");
  await cashier.goto("/admin/outlet");
  const search = cashier.getByRole("searchbox", { name: "Nama produk atau SKU" });
  await search.fill("bnr-lau-001-250");
  await search.press("Enter");
  await expect(cashier.getByTestId("sale-total")).toHaveText("Rp 38.000");
  await cashier.getByRole("button", { name: /^Tambah satu Petis Udang Binor/ }).click();
  await expect(cashier.getByTestId("sale-total")).toHaveText("Rp 76.000");
  await cashier.getByLabel("Uang diterima").fill("100.000");
  await cashier.getByRole("button", { name: "Terima tunai dan selesaikan" }).click();
  await expect(cashier.getByTestId("receipt-total")).toHaveText("Rp 76.000");
  await cashier.context().close();

  // Completed but in the hold: pending, not yet available.
  await member.reload();
  const share = rupiah(await member.getByTestId("money-pending").textContent()) - pendingBefore;
  expect(share).toBeGreaterThan(60_000);
  expect(share).toBeLessThan(76_000);
  expect(rupiah(await member.getByTestId("money-available").textContent())).toBe(availableBefore);

  // The hold passes (the test clock): the share is available now.
  moveClock(61 * DAY);
  const available = await availableOf(member);
  expect(available).toBe(availableBefore + share);

  // The treasurer makes the run; the member's business is in it with exactly what is available.
  await signInAs(page, "bendahara@kopwan-binor.example");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Pencairan", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Pencairan anggota" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Buat putaran pencairan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Putaran pencairan \d+$/ })).toBeVisible();
  const runUrl = page.url();
  const line = page.getByTestId("payout-line").filter({ hasText: "Petis & Terasi Mak Tinah" });
  await expect(line).toContainText(`Rp ${available.toLocaleString("id-ID")}`);
  await expect(page.getByTestId("run-status")).toHaveText("Menunggu persetujuan");
  // Four eyes: the maker has no approve button, and a crafted post is refused in words.
  await expect(page.getByRole("button", { name: "Setujui putaran" })).toHaveCount(0);
  await expect(page.getByText("Anda membuat putaran ini: pengurus lain yang menyetujuinya.")).toBeVisible();
  const crafted = await page.request.post(runUrl, { form: { intent: "approve" }, failOnStatusCode: false, maxRedirects: 0 });
  expect(crafted.status()).toBe(403);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath("run-draft.png"), fullPage: true });

  // The manager approves it on her own phone.
  const manager = await newPhone(browser);
  await signInAs(manager, "pengurus@kopwan-binor.example");
  await manager.goto(runUrl);
  await manager.getByRole("button", { name: "Setujui putaran" }).click();
  await expect(manager.getByText("Putaran disetujui. Unduh file transfer berikutnya.")).toBeVisible();
  // A manager sees no bank file: full account numbers are the treasurer's.
  await expect(manager.getByRole("button", { name: "Unduh CSV umum" })).toHaveCount(0);
  await manager.context().close();

  // The treasurer downloads the generic bank file: the business's row, amount and reference.
  await page.reload();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Unduh CSV umum" }).click();
  const file = (await downloaded(await downloading)).toString("utf8").replace(/^\ufeff/, "");
  const rows = parse(file) as string[][];
  expect(rows[0]).toEqual(["name", "bank", "bank_code", "account_number", "amount", "reference"]);
  const reference = (await line.getByText(/^Berita transfer: /).textContent())!.replace("Berita transfer: ", "").trim();
  const row = rows.find((candidate) => candidate[5] === reference);
  expect(row, `a row for ${reference}`).toBeDefined();
  expect(Number(row![4])).toBe(available);
  expect(row![1]).toBe("Bank Jatim");
  // A download leaves the page as it was: what the run became shows on the next look.
  await page.reload();
  await expect(page.getByTestId("run-status")).toHaveText("File transfer diunduh, menunggu hasil transfer");

  // The transfer went through: marked paid.
  await line.getByRole("button", { name: /^Tandai terkirim/ }).click();
  await expect(page.getByText(/Pencairan ditandai terkirim dan dicatat di buku besar/)).toBeVisible();
  await expect(line.getByTestId("payout-status")).toHaveText("Terkirim");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath("run-paid.png"), fullPage: true });

  // The member is told, and sees the payout with its date and status; nothing left available from it.
  const mail = await waitForMail("anggota2@kopwan-binor.example", /Pencairan Rp .* sudah dikirim/);
  expect(mail.text).toContain(reference);
  await member.goto("/member/keuangan");
  const payout = member.getByTestId("member-payout").filter({ hasText: reference });
  await expect(payout).toContainText(`Rp ${available.toLocaleString("id-ID")}`);
  await expect(payout).toContainText("Sudah ditransfer");
  await expect(payout).toContainText(/\d{1,2} \w+ \d{4}/);
  await expect(member.getByTestId("money-available")).toHaveText("Rp 0");
  await expectNoSeriousA11yViolations(member);
  await member.screenshot({ path: test.info().outputPath("member-money.png"), fullPage: true });

  // This month's statement (real dates: the clock moved only availability) names the payout and reconciles.
  const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
  const pdfDownload = member.waitForEvent("download");
  await member.locator(`a[href="/member/keuangan/statement?month=${month}&format=pdf"]`).click();
  const { text } = await new PDFParse({ data: await downloaded(await pdfDownload) }).getText();
  expect(text).toContain(reference);
  const figure = (label: string) => {
    const match = new RegExp(`${label}\\s*(-?)\\s*Rp\\s*(-?)([\\d.]+)`).exec(text);
    expect(match, label).not.toBeNull();
    return (match![1] || match![2] ? -1 : 1) * Number(match![3]!.replace(/\./g, ""));
  };
  const opening = figure("Saldo awal");
  const earnings = figure("Pendapatan \\(bagian Anda\\)");
  const refunds = figure("Pengembalian");
  const payouts = figure("Pencairan");
  const adjustments = figure("Penyesuaian");
  const closing = figure("Saldo akhir");
  expect(payouts).toBeLessThanOrEqual(-available);
  expect(opening + earnings + refunds + payouts + adjustments).toBe(closing);
  await member.context().close();
});
