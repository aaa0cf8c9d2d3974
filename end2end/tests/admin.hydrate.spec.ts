// Hydrated administration: the CSV import reports every bad row and imports nothing, and a
// set-password link is shown on the page.
import { test, expect } from "@playwright/test";
import { hydration, signIn } from "./support/session";

const ADMIN = "alex.morgan@pathway.example";

test("a CSV with a bad row imports nothing and lists the problem", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await signIn(page, ADMIN, "/admin/import");
  await expect(page).toHaveURL(/\/admin\/import/);
  await page.getByLabel("CSV").fill(
    "Name,Email,Job title\nRowan Price,rowan.price@pathway.example,Social Worker\nSam Ng,not-an-email,Social Worker\n",
  );
  await page.getByRole("button", { name: "Import" }).click();
  const report = page.locator("#import-report");
  await expect(report).toContainText("Nothing was imported");
  await expect(report).toContainText("Row 2 (after the header row), Email");
  await page.goto("/admin/people");
  await expect(page.locator("#people")).not.toContainText("Rowan Price");
  expect(errors, errors.join("\n")).toEqual([]);
});

test("a set-password link is created and shown", async ({ page }) => {
  await signIn(page, ADMIN, "/admin/people");
  await page.getByRole("link", { name: "Ravi Chauhan" }).click();
  await expect(page).toHaveURL(/\/admin\/person/);
  await hydration(page);
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.locator("#set-password-link")).toContainText("/set-password?token=");
});
