import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, signInAs } from "../support/e2e";

test.use({ viewport: { width: 390, height: 844 } });

test("staff find an order by its number; the producer sees the line in Pesanan, without the buyer", async ({ browser }) => {
  test.slow();
  // A sale at the counter by the manager (its own cashier's day, so other tests' closes are untouched).
  const staffContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const staff = await staffContext.newPage();
  await signInAs(staff, "pengurus@kopwan-binor.example");
  await staff.goto("/admin/outlet");
  const search = staff.getByRole("searchbox", { name: "Nama produk atau SKU" });
  await search.fill("bnr-krp-001-250");
  await search.press("Enter");
  await expect(staff.getByTestId("sale-total")).toHaveText("Rp 26.000");
  await staff.getByLabel("Uang diterima").fill("30000");
  await staff.getByRole("button", { name: "Terima tunai dan selesaikan" }).click();
  const heading = staff.getByRole("heading", { name: /^Struk [A-Z]+-\d{2}-\d{6}$/ });
  await expect(heading).toBeVisible();
  const number = (await heading.textContent())!.replace("Struk ", "");

  await staff.goto("/admin/orders?view=all");
  await staff.getByLabel("Cari pesanan").fill(number);
  await staff.getByLabel("Pengiriman").selectOption("pickup");
  await staff.getByRole("button", { name: "Terapkan", exact: true }).click();
  await expect(staff).toHaveURL(/q=/);
  const results = staff.getByRole("link", { name: new RegExp(number) });
  await expect(results).toHaveCount(1);
  await expectNoSeriousA11yViolations(staff);
  await staff.getByLabel("Cari pesanan").fill("tidak-ada-pesanan-ini");
  await staff.getByRole("button", { name: "Terapkan", exact: true }).click();
  await expect(staff.getByRole("heading", { name: "Belum ada pesanan di sini." })).toBeVisible();

  const memberContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const member = await memberContext.newPage();
  await signInAs(member, "anggota1@kopwan-binor.example");
  await member.goto("/member");
  await member.getByRole("link", { name: "Pesanan", exact: true }).first().click();
  await expect(member.getByRole("heading", { level: 1, name: "Pesanan" })).toBeVisible();
  await member.getByRole("link", { name: "Riwayat" }).click();
  const line = member.getByRole("listitem").filter({ hasText: number });
  await expect(line).toBeVisible();
  await expect(line).toContainText("Keripik Singkong Balado");
  await expect(member.getByText("Outlet", { exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(member);
  await staffContext.close();
  await memberContext.close();
});
