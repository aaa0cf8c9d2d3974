// Issue 6: nothing typed is lost. A reflective statement typed into a new item's editor is
// kept on the device as it is typed; a reload brings it back; saving to Pathway clears it.
import { test, expect } from "@playwright/test";

test("a draft survives a reload and is cleared once saved to Pathway", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto("/sign-in?next=/portfolio/edit?kind=reflective_statement");
  await page.getByLabel("Email address").fill("ella.nowak@pathway.example");
  await page.getByLabel("Password").fill("pathway-demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/portfolio\/edit/);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });

  const text = "Home visits taught me to slow down and listen before planning.";
  await page.locator("#body").pressSequentially(text, { delay: 5 });
  // kept on the device (debounced), never in clear text outside this person's key
  await expect
    .poll(async () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":draft:")).length))
    .toBe(1);

  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
  await expect(page.locator("#body")).toHaveValue(text);

  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("Date written").fill(today);
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\/portfolio\/evidence\?id=.*saved=1/);
  await expect
    .poll(async () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":draft:")).length))
    .toBe(0);
  expect(errors, errors.join("\n")).toEqual([]);
});
