// The hydrated sign-in (issue 13: a small island that sends the server-rendered form with
// fetch): a refusal comes back as the plain post's does, with the address still typed in;
// when Pathway cannot be reached the page says so and keeps what was typed.
import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, hydration } from "./support/session";

const EMAIL = "jordan.ellis@pathway.example";

test("a refused sign-in shows the error at the address, keeps the address, and the next try goes on", async ({ page }) => {
  await page.goto("/sign-in?next=%2Fportfolio");
  await hydration(page);
  await page.getByLabel("Email address").fill(EMAIL);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#error-summary")).toContainText("Enter a correct email address and password");
  await expect(page.locator("#email-error")).toContainText("Enter a correct email address and password");
  await hydration(page);
  await expect(page.getByLabel("Email address")).toHaveValue(EMAIL);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/portfolio$/);
});

test("when Pathway cannot be reached the page says so and keeps what was typed", async ({ page }) => {
  await page.goto("/sign-in");
  await hydration(page);
  await page.route("**/api/auth/sign_in", (route) => route.abort("internetdisconnected"));
  await page.getByLabel("Email address").fill(EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const problem = page.locator("#unreachable");
  await expect(problem).toContainText("Pathway could not be reached");
  await expect(problem).toBeFocused();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel("Email address")).toHaveValue(EMAIL);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  await page.unroute("**/api/auth/sign_in");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => !url.pathname.startsWith("/sign-in"));
});
