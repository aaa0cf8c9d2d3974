// Issue 17 item 12: signing in through the organisation's identity provider, as people
// would, against a real OpenID provider (npm's oidc-provider, started beside the server by
// `cargo xtask e2e`). An administrator links a person on their page; the person then signs
// in with the provider's button, with JavaScript off and on. Someone unlinked is told why.
import { test, expect, type Page } from "@playwright/test";
import { signIn } from "./support/session";

/** At the provider's own pages: sign in as `subject` (its development pages take any
 * name), and allow Pathway if asked. */
async function atProvider(page: Page, subject: string) {
  await page.getByPlaceholder("Enter any login").fill(subject);
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible({ timeout: 2_000 }).catch(() => false)) await consent.click();
}

test("a person the administrator linked signs in with the organisation's account", async ({ page }) => {
  // one person per project, as the two run at once against one server
  const person = test.info().project.name === "ssr" ? "Chloe Brennan" : "Samuel Adeyemi";
  const subject = `council-${test.info().project.name}`;
  await signIn(page, "alex.morgan@pathway.example", "/admin/people");
  await page.getByRole("link", { name: person }).click();
  await expect(page.getByRole("heading", { name: "Sign-in with Riverside Council" })).toBeVisible();
  await page.getByLabel("Subject at the identity provider").fill(subject);
  await page.getByRole("button", { name: "Link", exact: true }).click();
  await expect(page.locator("#sign-in-link")).toHaveText(subject);

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed_out=1/);
  await page.goto("/sign-in?next=/portfolio");
  await page.getByRole("button", { name: "Sign in with Riverside Council" }).click();
  await atProvider(page, subject);
  await expect(page).toHaveURL(/\/portfolio$/);
  await expect(page.locator("#signed-in-as")).toHaveText(person);
});

test("an account the administrator has not linked is told so, and signed in nowhere", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Riverside Council" }).click();
  await atProvider(page, `nobody-we-know-${test.info().project.name}`);
  await expect(page).toHaveURL(/\/sign-in\?oidc=unlinked/);
  await expect(page.locator("#provider-error")).toContainText("not linked to anyone in Pathway");
  await expect(page.getByRole("heading", { name: "Sign in to Pathway" })).toBeVisible();
});
