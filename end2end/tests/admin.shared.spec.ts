// Administration with plain forms (JavaScript off in `ssr`, hydrated in the other project):
// an administrator opens a person, grants a role and revokes it again.
import { test, expect } from "@playwright/test";
import { signIn } from "./support/session";

test("an administrator grants and revokes a role from the person page", async ({ page }) => {
  await signIn(page, "alex.morgan@pathway.example", "/admin/people");
  await expect(page).toHaveURL(/\/admin\/people/);
  await page.getByRole("link", { name: "Grace Whitfield" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Grace Whitfield");
  await expect(page.locator("#roles")).not.toContainText("Panel chair");

  await page.getByLabel("Grant a role").selectOption({ label: "Panel chair" });
  await page.getByRole("button", { name: "Grant", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/person\?id=/);
  await expect(page.locator("#roles")).toContainText("Panel chair");

  await page.locator("#roles li", { hasText: "Panel chair" }).getByRole("button", { name: /Revoke/ }).click();
  await expect(page.locator("#roles")).not.toContainText("Panel chair");
});
