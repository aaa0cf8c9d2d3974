// Issue 13: the pages a public-sector service publishes, reached from the footer of any page
// (the sign-in page included, before anyone signs in), with no serious or critical
// accessibility violations (axe-core, where JavaScript runs).
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

for (const [link, heading] of [
  ["Accessibility statement", "Accessibility statement for Pathway"],
  ["Privacy notice", "Privacy notice"],
]) {
  test(`the footer's "${link}" opens it, readable without signing in`, async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("contentinfo").getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    // axe runs as a script in the page: only where JavaScript runs
    if (test.info().project.name === "ssr") return;
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id} ${v.help}`)).toEqual([]);
  });
}
