// Issue 12: the header follows GOV.UK's service navigation pattern. At 1024 px the signed-in
// name and "Sign out" used to drop below the menu's links; now they stay on the service
// name's line, the menu sits below, and the current page is marked. At 320 px nothing
// scrolls sideways (WCAG 2.2, 1.4.10 Reflow).
import { test, expect, type Locator } from "@playwright/test";
import { signIn } from "./support/session";

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found, `${locator} is on screen`).not.toBeNull();
  return found!;
}

test("at 1024 px the name and Sign out share the service name's line, above the menu", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  // the administrator's menu is the longest of the demo accounts
  await signIn(page, "alex.morgan@pathway.example", "/admin/people");
  const service = await box(page.locator("header .govuk-header__service-name"));
  const banner = page.getByRole("banner");
  for (const part of [banner.locator("#signed-in-as"), banner.getByRole("button", { name: "Sign out" })]) {
    const found = await box(part);
    expect(found.y, "on the service name's line").toBeLessThan(service.y + service.height);
    expect(found.y + found.height).toBeGreaterThan(service.y);
    expect(found.x, "to the right of the service name").toBeGreaterThan(service.x + service.width);
  }
  const menu = await box(page.locator("#role-navigation"));
  expect(menu.y, "the menu is below the header").toBeGreaterThanOrEqual(service.y + service.height);
  await expect(page.locator('#role-navigation a[aria-current="page"]')).toHaveText("People");
});

test("at 320 px the header and menu reflow without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  // a page of narrow content, so any sideways scroll would be the header's or the menu's
  await signIn(page, "alex.morgan@pathway.example", "/account/password");
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.locator("#role-navigation").getByRole("link", { name: "Audit log" })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(320);
});
