import { expect, test } from "../support/shop";
import { PDFParse } from "pdf-parse";
import { expectNoSeriousA11yViolations, signInAs } from "../support/e2e";

test.use({ viewport: { width: 390, height: 844 } });

const rupiah = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

test("a paid order shows on the member's money page (omzet, fee, pending) and in the month's statement PDF", async ({ page, browser }) => {
  test.slow();
  // What the member had before: other tests may sell their products too.
  const memberContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const member = await memberContext.newPage();
  await signInAs(member, "anggota1@kopwan-binor.example");
  await member.goto("/member");
  await member.getByRole("link", { name: "Keuangan", exact: true }).first().click();
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Keuangan usaha");
  const omzetBefore = rupiah(await member.getByTestId("money-omzet").textContent());
  const pendingBefore = rupiah(await member.getByTestId("money-pending").textContent());

  // A guest buys two packs of Dapur Bu Sulastri's chips and pays through Midtrans's page (the local fake).
  await page.goto("/p/keripik-singkong-balado");
  await page.getByLabel("Jumlah").fill("2");
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByText("Ditambahkan ke keranjang.")).toBeVisible();
  await page.goto("/checkout");
  await page.getByLabel("Nama lengkap").fill("Jane Traveller");
  await page.getByLabel("E-mail").fill("jane.ledger@example.com");
  await page.getByLabel(/Nomor HP/).fill("0812 3456 7890");
  await page.getByText("Ambil di gerai koperasi").click();
  await page.getByText("QRIS, e-wallet, virtual account, atau kartu").click();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/snap\//);
  await page.getByRole("button", { name: /QRIS/ }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Sudah dibayar");
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Pesanan ", "").trim();

  // The sale: 2 x Rp 18.000 (the seed's price) at the cooperative's 10 %: Rp 3.600 fee, Rp 32.400 pending.
  await member.reload();
  await expect(member.getByTestId("money-omzet")).not.toHaveText(new RegExp(`^Rp ${omzetBefore.toLocaleString("id-ID")}$`));
  const omzet = rupiah(await member.getByTestId("money-omzet").textContent()) - omzetBefore;
  const pending = rupiah(await member.getByTestId("money-pending").textContent()) - pendingBefore;
  expect(omzet).toBeGreaterThan(0);
  // The cooperative's rate: 10 % in the seed, 7.5 % once the settings journey has changed it in this run.
  expect([Math.round(omzet / 10), Math.round((omzet * 75) / 1000)]).toContain(omzet - pending);
  await expect(member.getByTestId("money-fee")).toBeVisible();
  await expect(member.getByRole("table", { name: "Penjualan, pendapatan bersih dan laba kotor per bulan" })).toBeVisible();
  await expect(member.getByText("Modal belum dicatat").first()).toBeVisible();
  await expectNoSeriousA11yViolations(member);

  // This month's statement, as a PDF whose text names the sale and reconciles.
  const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
  const download = member.waitForEvent("download");
  await member.locator(`a[href="/member/keuangan/statement?month=${month}&format=pdf"]`).click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  const { text } = await new PDFParse({ data: Buffer.concat(chunks) }).getText();
  expect(text).toContain("Dapur Bu Sulastri");
  expect(text).toContain(`Penjualan ${number}`);
  expect(text).toContain("Saldo akhir");

  // The CSV, for a spreadsheet: the same sale.
  const csv = await member.request.get(`/member/keuangan/statement?month=${month}&format=csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(`Penjualan ${number}`);
  // A made-up month is a 400, not a 500.
  expect((await member.request.get("/member/keuangan/statement?month=2026-13&format=pdf")).status()).toBe(400);
});
