// Sign-in as each demo role (with JavaScript off in the `ssr` project, hydrated in the
// other): the header shows that role's navigation, and a protected page sends a visitor
// to sign in and back.
import { test, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD as PASSWORD } from "./support/session";

const ROLES: { name: string; email: string; nav: string[]; notNav: string[] }[] = [
  { name: "Alex Morgan", email: "alex.morgan@pathway.example", nav: ["People", "Audit log"], notNav: ["Practitioner"] },
  { name: "Priya Natarajan", email: "priya.natarajan@pathway.example", nav: ["Service manager", "Panel chair"], notNav: ["People"] },
  { name: "Daniel Okafor", email: "daniel.okafor@pathway.example", nav: ["Team manager"], notNav: ["People"] },
  { name: "Helen Fairweather", email: "helen.fairweather@pathway.example", nav: ["Team manager", "Panel member"], notNav: ["People"] },
  { name: "Grace Whitfield", email: "grace.whitfield@pathway.example", nav: ["Panel member"], notNav: ["People"] },
  { name: "Tomasz Kowalczyk", email: "tomasz.kowalczyk@pathway.example", nav: ["L&D administrator", "Panel member"], notNav: ["People"] },
  { name: "Maya Lindqvist", email: "maya.lindqvist@pathway.example", nav: ["Panel secretariat"], notNav: ["People"] },
  { name: "Samuel Adeyemi", email: "samuel.adeyemi@pathway.example", nav: ["Practitioner", "Practice supervisor"], notNav: ["People"] },
  { name: "Jordan Ellis", email: "jordan.ellis@pathway.example", nav: ["Practitioner"], notNav: ["People", "Team manager"] },
];

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

for (const role of ROLES) {
  test(`${role.name} signs in and sees their navigation`, async ({ page }) => {
    await page.goto("/sign-in");
    await signIn(page, role.email, PASSWORD);
    const nav = page.locator("#role-navigation");
    await expect(nav).toBeVisible();
    await expect(page.locator("#signed-in-as")).toHaveText(role.name);
    for (const label of role.nav) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    }
    for (const label of role.notNav) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    }
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?signed_out=1/);
    await expect(page.getByText("You have signed out.")).toBeVisible();
  });
}

test("a protected page sends the visitor to sign in and back", async ({ page }) => {
  await page.goto("/admin/audit");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await signIn(page, "alex.morgan@pathway.example", "a wrong password");
  await expect(page.locator("#error-summary")).toContainText("Enter a correct email address and password");
  await signIn(page, "alex.morgan@pathway.example", PASSWORD);
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
});
