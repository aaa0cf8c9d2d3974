// JavaScript off: the deadline checker is a plain GET form the server answers (PANEL-3, PANEL-4).
import { test, expect } from "@playwright/test";
import { fillDate } from "./support/date";

test("PANEL-3 deadline checker works without JavaScript", async ({ page }) => {
  await page.goto("/");
  await fillDate(page, "Panel date", "2027-04-08");
  await page.getByRole("button", { name: "Check deadline" }).click();
  await expect(page).toHaveURL(/panel%5Byear%5D=2027/);
  const result = page.locator("#deadline-result");
  // 14 days before 8 April 2027 is 25 March 2027, before the clocks change: 11:00 GMT
  await expect(result).toContainText("11:00 on 25 March 2027");
  // PANEL-4: circulation by 11:00 the following day
  await expect(result).toContainText("11:00 on 26 March 2027");
});
