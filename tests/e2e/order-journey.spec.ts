import type { Browser, Page } from "@playwright/test";
import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, signInAs } from "../support/e2e";

const phone = { width: 390, height: 844 };
test.use({ viewport: phone });

async function addToCart(page: Page, productSlug: string) {
  await page.goto(`/p/${productSlug}`);
  await page.getByLabel("Jumlah").fill("1");
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByText("Ditambahkan ke keranjang.")).toBeVisible();
}

/** Someone else on their own phone, signed in. */
async function staffPhone(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: phone, locale: "id-ID" });
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

/** Ticks one order on the staff list (found by its number), chooses the step and applies it; answers the results box. */
async function bulkStep(staff: Page, number: string, step: string) {
  await staff.goto(`/admin/orders?view=all&q=${encodeURIComponent(number)}`);
  await staff.getByRole("checkbox", { name: `Pilih pesanan ${number}` }).check();
  await staff.getByRole("combobox", { name: /^Tindakan/ }).selectOption({ label: step });
}

test("paid order → the member sees the line → staff receive, pack, ship with tracking → the shopper sees shipped → one line refunded → partly refunded", async ({ page, browser }) => {
  test.slow();
  // The shopper pays through Midtrans's page (the local fake), for a hotel delivery of two of Dapur Bu Sulastri's chips.
  await addToCart(page, "keripik-tempe-sagu");
  await addToCart(page, "keripik-talas-bawang");
  await page.goto("/checkout");
  await page.getByLabel("Nama lengkap").fill("Mia Journey");
  await page.getByLabel("E-mail").fill("mia.journey@example.com");
  await page.getByLabel(/Nomor HP/).fill("0812 7777 1234");
  await page.getByText("Antar ke hotel atau homestay").click();
  await page.getByLabel("Nama hotel atau homestay").fill("Hotel Bentar");
  await page.getByLabel("Nomor kamar atau catatan lokasi").fill("Kamar 12");
  await page.getByText("QRIS, e-wallet, virtual account, atau kartu").click();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/snap\//);
  await page.getByRole("button", { name: /QRIS/ }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{40,}/);
  await expect(page.getByTestId("order-status")).toHaveText("Sudah dibayar");
  const orderUrl = page.url();
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Pesanan ", "").trim();

  // The member sees the lines to bring, without the shopper's name.
  const member = await staffPhone(browser, "anggota1@kopwan-binor.example");
  await member.goto("/member/pesanan");
  const memberLines = member.getByRole("listitem").filter({ hasText: number });
  await expect(memberLines).toHaveCount(2);
  await expect(memberLines.first()).toContainText("Keripik");
  await expect(member.getByText("Mia Journey")).toHaveCount(0);
  await member.context().close();

  // Staff receive Dapur Bu Sulastri's delivery from the hand-over sheet of the day it is due (the day after payment).
  const staff = await staffPhone(browser, "gudang@kopwan-binor.example");
  await staff.goto("/admin/handover");
  await staff.getByRole("link", { name: "Hari berikutnya" }).click();
  const business = staff.getByRole("region", { name: "Dapur Bu Sulastri" });
  await expect(business.getByTestId("sheet-line").filter({ hasText: number })).toHaveCount(2);
  await expectNoSeriousA11yViolations(staff);
  const form = business.getByRole("form", { name: "Catat barang dari Dapur Bu Sulastri" });
  for (const fieldset of await form.getByRole("group").filter({ hasText: number }).all()) {
    await expect(fieldset.getByLabel("Diterima")).toHaveValue("1");
  }
  await form.getByRole("button", { name: "Catat serah terima Dapur Bu Sulastri" }).click();
  await expect(staff.getByText(/Serah terima \d+ baris dicatat\./)).toBeVisible();
  await expect(business.getByTestId("sheet-line").filter({ hasText: number }).first()).toContainText("Diterima 1, rusak 0");

  // Pack, then ship with a courier and a tracking number, through the day's bulk action.
  await bulkStep(staff, number, "Tandai dikemas");
  await staff.getByRole("button", { name: "Terapkan ke pesanan terpilih" }).click();
  await expect(staff.getByTestId("bulk-results")).toContainText(`${number}: dipindahkan`);
  await bulkStep(staff, number, "Tandai dikirim");
  await staff.getByLabel(`Kurir ${number}`).fill("JNE");
  await staff.getByLabel(`Nomor resi ${number}`).fill("JNE-JOURNEY-0001");
  await expectNoSeriousA11yViolations(staff);
  await staff.getByRole("button", { name: "Terapkan ke pesanan terpilih" }).click();
  await expect(staff.getByTestId("bulk-results")).toContainText(`${number}: dipindahkan`);
  // Sent again, the same order is skipped with its reason.
  await bulkStep(staff, number, "Tandai dikemas");
  await staff.getByRole("button", { name: "Terapkan ke pesanan terpilih" }).click();
  await expect(staff.getByTestId("bulk-results")).toContainText(`${number}: dilewati: Langkah ini sudah dicatat.`);
  await staff.context().close();

  // The shopper's private page: shipped, with the tracking number.
  await page.goto(orderUrl);
  await expect(page.getByTestId("order-status")).toHaveText("Dikirim");
  await expect(page.getByTestId("tracking")).toContainText("JNE-JOURNEY-0001");

  // The treasurer refunds one line through Midtrans.
  const treasurer = await staffPhone(browser, "bendahara@kopwan-binor.example");
  await treasurer.goto("/admin/orders?view=all&q=" + encodeURIComponent(number));
  await treasurer.getByRole("link", { name: new RegExp(number) }).click();
  await treasurer.getByLabel(/^Keripik Talas Bawang.*: jumlah/).fill("1");
  await treasurer.getByLabel("Alasan").first().fill("Kemasan rusak di jalan");
  await treasurer.getByRole("button", { name: "Catat pengembalian dana" }).click();
  await expect(treasurer.getByText("Pengembalian dana dicatat.")).toBeVisible();
  await expect(treasurer.getByTestId("refund-status")).toHaveText("selesai");
  await treasurer.context().close();

  await page.goto(orderUrl);
  await expect(page.getByTestId("order-status")).toHaveText("Sebagian dana dikembalikan");
  await expect(page.getByTestId("tracking")).toContainText("JNE-JOURNEY-0001");
});

test("fulfilment staff cancel an unpaid order from its page (a paid one is the treasurer's)", async ({ page, browser }) => {
  test.slow();
  await addToCart(page, "keripik-tempe-sagu");
  await page.goto("/checkout");
  await page.getByLabel("Nama lengkap").fill("Budi Batal");
  await page.getByLabel("E-mail").fill("budi.batal@example.com");
  await page.getByLabel(/Nomor HP/).fill("0812 7777 9999");
  await page.getByText("Ambil di gerai koperasi").click();
  await page.getByText("Transfer bank", { exact: true }).click();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Menunggu pembayaran");
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Pesanan ", "").trim();

  const staff = await staffPhone(browser, "gudang@kopwan-binor.example");
  await staff.goto(`/admin/orders?view=unpaid&q=${encodeURIComponent(number)}`);
  await staff.getByRole("link", { name: new RegExp(number) }).click();
  await staff.locator("#cancel-reason").fill("Pembeli membatalkan di gerai");
  await staff.getByRole("button", { name: "Batalkan pesanan" }).click();
  await expect(staff.getByText("Pesanan dibatalkan dan stok dikembalikan.")).toBeVisible();
  await expect(staff.getByTestId("order-status")).toHaveText("Dibatalkan");
  await staff.context().close();
});
