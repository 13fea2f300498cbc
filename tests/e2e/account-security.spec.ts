import http from "node:http";
import { expect, test } from "../support/shop";
import { DEMO_PASSWORD } from "../../db/seed/demo-users";
import { newPhone, oneTimeLink, signIn, waitForMail } from "../support/e2e";

/** A request as an attacker's script sends it: any Host and forwarding headers it likes. */
function rawRequest(baseURL: string, options: { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string }) {
  const { port } = new URL(baseURL);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method: options.method, path: options.path, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

test("a crafted Host or X-Forwarded-Host never puts itself into a reset link or a canonical URL", async ({ baseURL }) => {
  const shop = new URL(baseURL!).origin;
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const attempts = [
    { Host: "evil.example", ...form },
    { Host: new URL(baseURL!).host, "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", ...form },
  ];
  for (const headers of attempts) {
    const response = await rawRequest(baseURL!, { method: "POST", path: "/forgot-password?_data=routes%2Fforgot-password", headers, body: "email=pembeli%40example.com" });
    // An unknown host on a single-cooperative deployment is that shop; on a shared one it is not found.
    expect([200, 404]).toContain(response.status);
    const home = await rawRequest(baseURL!, { method: "GET", path: "/", headers });
    expect(home.body).not.toContain("evil.example");
    if (home.status === 200) expect(home.body).toContain(`<link rel="canonical" href="${shop}/"`);
  }
  const mail = await waitForMail("pembeli@example.com", /Atur ulang kata sandi/);
  expect(oneTimeLink(mail, "reset-password").url.startsWith(`${shop}/reset-password/`)).toBe(true);
  expect(mail.text).not.toContain("evil.example");
});

test("sign-up answers the same for a taken and a new address; only their inboxes differ", async ({ page }) => {
  const answer = async (email: string) => {
    await page.goto("/sign-up");
    await page.getByLabel("Nama").fill("Coba Coba");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Kata sandi baru").fill("bukan-sandi-asli");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/sign-up") && r.request().method() === "POST"),
      page.getByRole("main").getByRole("button", { name: "Buat akun" }).click(),
    ]);
    const status = page.getByRole("status");
    await expect(status).toContainText("Periksa kotak masuk");
    return { status: response.status(), text: (await status.innerText()).replace(email, "EMAIL") };
  };
  const fresh = `baru-${Date.now()}@example.com`;
  expect(await answer("pembeli@example.com")).toEqual(await answer(fresh));
  await expect.poll(async () => (await waitForMail("pembeli@example.com", /sudah punya akun/)).subject).toContain("Anda sudah punya akun");
  await waitForMail(fresh, /Konfirmasi akun/);
  // The taken account keeps its password.
  await signIn(page, "pembeli@example.com", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
});

test("a sign-in link that would leave the shop is refused with a 400, never followed and never a 500", async ({ page, baseURL }) => {
  for (const redirectTo of ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example"]) {
    const response = await page.goto(`/sign-in?redirectTo=${redirectTo}`);
    expect(response?.status(), redirectTo).toBe(400);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  const posted = await rawRequest(baseURL!, {
    method: "POST",
    path: "/sign-in",
    headers: { Host: new URL(baseURL!).host, "Content-Type": "application/x-www-form-urlencoded" },
    body: `email=pembeli%40example.com&password=${DEMO_PASSWORD}&redirectTo=%2F%09%2Fevil.example`,
  });
  expect(posted.status).toBe(400);
  // A safe one is followed after signing in.
  await page.goto("/sign-in?redirectTo=%2Fproducts%3Fq%3Dkeripik");
  await page.getByLabel("E-mail").fill("pembeli@example.com");
  await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
  await page.getByRole("main").getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL(/\/products\?q=keripik$/);
});

test("an owner invites an existing account as a helper: nothing changes until its owner signs in and accepts", async ({ page, browser }) => {
  test.slow();
  // Someone with a shopper account of her own.
  const email = `keponakan-${Date.now()}@example.com`;
  const password = "punya-sendiri-2026";
  const invited = await newPhone(browser);
  await invited.goto("/sign-up");
  await invited.getByLabel("Nama").fill("Keponakan");
  await invited.getByLabel("E-mail").fill(email);
  await invited.getByLabel("Kata sandi baru").fill(password);
  await invited.getByRole("main").getByRole("button", { name: "Buat akun" }).click();
  await invited.goto(oneTimeLink(await waitForMail(email, /Konfirmasi akun/), "sign-up/confirm").path);
  await invited.getByRole("button", { name: "Buat akun saya" }).click();
  await expect(invited).toHaveURL(/\/account$/);
  await invited.getByRole("button", { name: "Keluar" }).click();
  await expect(invited).toHaveURL(/\/$/);

  await signIn(page, "anggota2@kopwan-binor.example");
  await page.goto("/member/settings");
  await page.getByLabel("E-mail pembantu").fill(email);
  await page.getByRole("button", { name: "Kirim undangan" }).click();
  await expect(page.getByText("Undangan terkirim.")).toBeVisible();
  await expect(page.getByText(/undangan belum diterima/)).toBeVisible();

  const link = oneTimeLink(await waitForMail(email, /diundang membantu/), "invite");
  await invited.goto(link.path);
  // No password form for an account that has one: it signs in to accept.
  await expect(invited.getByLabel("Kata sandi baru", { exact: true })).toHaveCount(0);
  await expect(invited.getByText("Alamat ini sudah punya akun.")).toBeVisible();
  await invited.getByRole("link", { name: "Masuk untuk menerima" }).click();
  await invited.getByLabel("E-mail").fill(email);
  await invited.getByLabel("Kata sandi").fill(password);
  await invited.getByRole("main").getByRole("button", { name: "Masuk" }).click();
  await expect(invited).toHaveURL(link.path);
  await invited.getByRole("button", { name: "Terima undangan" }).click();
  await expect(invited).toHaveURL(/\/member$/);
  await page.reload();
  await expect(page.getByText(/undangan belum diterima/)).toHaveCount(0);
  await invited.context().close();
});
