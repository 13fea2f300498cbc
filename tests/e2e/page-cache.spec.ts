import type { Page } from "@playwright/test";
import { expect, test } from "../support/shop";
import { DEMO_PASSWORD } from "../../db/seed/demo-users";
import { newPhone, newProductForm, signInAs } from "../support/e2e";

/** The product page's answer as a browser got it: whether the shop's page cache served it, and its validator. */
async function openProduct(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  return { cache: response!.headers()["x-page-cache"], etag: response!.headers()["etag"] };
}

test("a guest and a signed-in shopper get the same cached product page, and each sees their own header after load", async ({ page, browser }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await page.goto("/products");
  const path = await page.locator('a[href^="/p/"]').first().getAttribute("href");
  expect(path).toBeTruthy();

  // The first visit renders it (or finds it kept); another guest's phone (its own browser cache) gets the kept page.
  const guestFirst = await openProduct(page, path!);
  const otherGuest = await newPhone(browser);
  const guest = await openProduct(otherGuest, path!);
  expect(guest.cache).toBe("hit");
  expect(guest.etag).toBe(guestFirst.etag);
  await expect(page.getByTestId("account-link")).toHaveText("Masuk");
  await otherGuest.context().close();

  const shopper = await newPhone(browser);
  shopper.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await signInAs(shopper, "pembeli@example.com");
  const signedIn = await openProduct(shopper, path!);
  expect(signedIn.cache).toBe("hit");
  expect(signedIn.etag).toBe(guest.etag);
  await expect(shopper.getByTestId("account-link")).toHaveText("Wisatawan");

  // The cached page is alive (its scripts passed the page's own CSP): the cart button works.
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await shopper.context().close();
  expect(problems.filter((problem) => /Content Security Policy|hydrat|Minified React error/i.test(problem))).toEqual([]);
});

test("staff signed in bypass the cache and are never served a kept page", async ({ browser }) => {
  const staff = await newPhone(browser);
  await signInAs(staff, "pengurus@kopwan-binor.example");
  const response = await staff.goto("/products");
  expect(response?.headers()["x-page-cache"]).toBe("bypass");
  await expect(staff.getByTestId("account-link")).toHaveText("Pengurus");
  await staff.context().close();
});

test("a member's new draft never reaches a page kept for shoppers", async ({ playwright, baseURL, browser }) => {
  const guest = await newPhone(browser);
  await guest.goto("/products");
  const member = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "Accept-Language": "id" } });
  await member.post("/sign-in", { form: { email: "anggota1@kopwan-binor.example", password: DEMO_PASSWORD }, maxRedirects: 0 });
  const name = `Rahasia Dapur ${Date.now()}`;
  const editor = await (await member.get("/member/products/new")).text();
  const created = await member.post("/member/products/new", { multipart: await newProductForm(editor, name), maxRedirects: 0, failOnStatusCode: false });
  expect(created.status()).toBe(302);
  // The member sees the shop fresh (bypassing what is kept); shoppers' pages never show the draft.
  expect((await member.get("/products")).headers()["x-page-cache"]).toBe("bypass");
  for (const path of ["/products", "/", `/products?q=${encodeURIComponent("Rahasia Dapur")}`]) {
    const response = await guest.goto(path);
    expect(response?.status()).toBe(200);
    await expect(guest.getByText(name)).toHaveCount(0);
  }
  await member.dispose();
  await guest.context().close();
});
