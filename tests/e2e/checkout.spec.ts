import type { Page } from "@playwright/test";
import { expect, test } from "../support/shop";
import sharp from "sharp";
import { expectNoSeriousA11yViolations, newPhone, signInAs, waitForMail } from "../support/e2e";

async function addToCart(page: Page, productSlug: string, quantity = 1) {
  await page.goto(`/p/${productSlug}`);
  await page.getByLabel("Jumlah").fill(String(quantity));
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByText("Ditambahkan ke keranjang.")).toBeVisible();
}

async function fillContact(page: Page, email: string) {
  await page.getByLabel("Nama lengkap").fill("Jane Traveller");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel(/Nomor HP/).fill("0812 3456 7890");
}

test("a guest buys from two producers by bank transfer with a receipt; the treasurer confirms; the order page says paid", async ({ page, browser }) => {
  test.slow();
  await addToCart(page, "keripik-singkong-balado", 2);
  await addToCart(page, "petis-udang-binor");
  await expect(page.getByTestId("cart-count")).toHaveText("3");

  await page.getByRole("link", { name: "Lihat keranjang" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keranjang belanja");
  await expect(page.getByRole("link", { name: /Keripik Singkong Balado/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Petis Udang/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Lanjut ke pembayaran" }).click();

  // A first try without the terms ticked keeps what was typed and says what is missing.
  await fillContact(page, "jane.transfer@example.com");
  await page.getByText("Ambil di gerai koperasi").click();
  await page.getByText("Transfer bank", { exact: true }).click();
  await page.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(page.getByText("Setujui syarat belanja untuk memesan.")).toBeVisible();
  await expect(page.getByLabel("Nama lengkap")).toHaveValue("Jane Traveller");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Buat pesanan" }).click();

  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{40,}$/);
  const orderUrl = page.url();
  await expect(page.getByTestId("order-status")).toHaveText("Menunggu pembayaran");
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Pesanan ", "");
  await expect(page.getByTestId("bank-account")).toHaveText("0121034567");
  await expect(page.getByTestId("cart-count")).toHaveCount(0);
  const mail = await waitForMail("jane.transfer@example.com", new RegExp(number));
  expect(mail.text).toContain("/orders/");

  const receipt = await sharp({ create: { width: 600, height: 900, channels: 3, background: "#f0f0f0" } }).png().toBuffer();
  await page.getByLabel("Foto atau tangkapan layar bukti transfer").setInputFiles({ name: "bukti.png", mimeType: "image/png", buffer: receipt });
  await page.getByLabel("Nama pemilik rekening pengirim").fill("Jane Traveller");
  await page.getByLabel("Bank pengirim").fill("BCA");
  await page.getByRole("button", { name: "Kirim bukti transfer" }).click();
  await expect(page.getByText("Bukti transfer diterima.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await waitForMail("bendahara@kopwan-binor.example", new RegExp(`Bukti transfer ${number}`));

  const treasurer = await newPhone(browser);
  await signInAs(treasurer, "bendahara@kopwan-binor.example");
  await treasurer.goto("/admin/payments");
  const proof = treasurer.getByRole("listitem").filter({ hasText: number });
  await expect(proof.getByRole("img", { name: new RegExp(number) })).toBeVisible();
  await proof.getByRole("button", { name: "Dana sudah masuk" }).click();
  await expect(treasurer.getByText("Pembayaran dikonfirmasi.")).toBeVisible();
  await treasurer.context().close();

  await page.goto(orderUrl);
  await expect(page.getByTestId("order-status")).toHaveText("Sudah dibayar");
  await waitForMail("jane.transfer@example.com", new RegExp(`Pembayaran ${number} diterima`));
});

test("a guest pays through Midtrans's page and comes back to a paid order", async ({ page }) => {
  test.slow();
  await addToCart(page, "terasi-udang-rebon");
  await page.goto("/checkout");
  await fillContact(page, "jane.qris@example.com");
  await page.getByText("Ambil di gerai koperasi").click();
  await page.getByText("QRIS, e-wallet, virtual account, atau kartu").click();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Buat pesanan" }).click();

  // The provider's own page (a local fake speaking Midtrans's wire format), then back to the shop.
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/snap\//);
  await page.getByRole("button", { name: /QRIS/ }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{40,}/);
  await expect(page.getByTestId("order-status")).toHaveText("Sudah dibayar");
});

test("a foreign visitor pays by card on Stripe's page and comes back to a paid order", async ({ page }) => {
  test.slow();
  await addToCart(page, "petis-ikan-tongkol");
  await page.goto("/checkout");
  await fillContact(page, "jane.card@example.com");
  await page.getByText("Ambil di gerai koperasi").click();
  await page.getByText("Kartu kredit atau debit internasional").click();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Buat pesanan" }).click();

  // Stripe Checkout's own page (a local fake speaking Stripe's wire format), then back with the session id.
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/pay\//);
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{40,}\?session_id=cs_/);
  await expect(page.getByTestId("order-status")).toHaveText("Sudah dibayar");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a shopper whose phone runs no scripts still adds to the cart, checks out and gets the order page", async ({ page }) => {
    await page.goto("/p/rempeyek-kacang-tanah");
    await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keranjang belanja");
    await expect(page.getByRole("link", { name: /Rempeyek Kacang/ })).toBeVisible();
    await page.getByRole("link", { name: "Lanjut ke pembayaran" }).click();
    await fillContact(page, "jane.noscript@example.com");
    await page.getByLabel(/Ambil di gerai koperasi/).check();
    await page.getByLabel(/Transfer bank/).check();
    await page.getByRole("checkbox", { name: /syarat belanja/ }).check();
    await page.getByRole("button", { name: "Buat pesanan" }).click();
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{40,}$/);
    await expect(page.getByTestId("order-status")).toHaveText("Menunggu pembayaran");
  });
});
