// Issue 20, defect 3: a sign-out that is not one. Offline, "Sign out" wiped the device's keys,
// ignored the failed server call and later said "You have signed out" while the session was
// still alive: on a shared tablet the next person opened Pathway as the previous worker.
// Sign-out needs Pathway; offline the device says so, marks the sign-out pending, shows
// nobody's work meanwhile, and sends it first when the network returns.
import { test, expect } from "@playwright/test";
import { goOffline, goOnline, signIn, today, WORKER } from "./support/session";
import { controlledByServiceWorker, storageKeys } from "./support/sync";
import { fillDate } from "./support/date";

test("signing out offline with nothing unsynced waits for Pathway, claims nothing, and signs out when back online", async ({ context, page }) => {
  // the editor unlocks this person's keys on the device (made at sign-in, or here)
  await signIn(page, WORKER, "/portfolio/edit?kind=reflective_statement");
  await expect.poll(async () => (await storageKeys(page)).some((k) => k.endsWith(":keys"))).toBe(true);
  await controlledByServiceWorker(page);
  await expect(page.locator("#signed-in-as")).toBeVisible();
  await goOffline(context);

  await page.getByRole("button", { name: "Sign out" }).click();

  // offline: no claim of success, nobody's work on screen, keys still here
  await expect(page.getByRole("heading", { name: "Signing out" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("you are not signed out yet")).toBeVisible();
  await expect(page.getByText("You have signed out")).toHaveCount(0);
  await expect(page.locator("#signed-in-as")).toHaveCount(0);
  expect((await storageKeys(page)).some((k) => k.endsWith(":keys"))).toBe(true);

  // back online: the sign-out goes first, and only then is it reported
  await goOnline(context);
  await expect(page).toHaveURL(/\/sign-in\?signed_out=1/, { timeout: 20_000 });
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await expect(page.locator("#signed-in-as")).toHaveCount(0);
  expect((await storageKeys(page)).some((k) => k.endsWith(":keys")), "keys go once signed out").toBe(false);
  // the next person on this tablet is not the previous worker
  await page.goto("/portfolio");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.locator("#signed-in-as")).toHaveCount(0);
});

test("the session cannot outlive a pending sign-out: a page loaded before the device syncs shows nobody", async ({ context, page }) => {
  await signIn(page, WORKER, "/portfolio");
  await controlledByServiceWorker(page);
  await goOffline(context);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Signing out" })).toBeVisible({ timeout: 20_000 });
  // the tab is closed before the network returns, so nothing on the device sends the sign-out:
  // the next page opened must still not be the worker's
  await page.close();
  await goOnline(context);
  const other = await context.newPage();
  await other.goto("/portfolio");
  await expect(other).toHaveURL(/\/sign-in/);
  await expect(other.locator("#signed-in-as")).toHaveCount(0);
});

test("with unsynced work, the offline app offers the sign-out choice, keeps the work and signs out once online", async ({ context, page }) => {
  const title = `Kept through sign-out ${Date.now()}`;
  await signIn(page, WORKER, "/portfolio/edit?kind=reflective_statement");
  await controlledByServiceWorker(page);
  await page.getByLabel("Title").fill(title);
  await fillDate(page, "Date written", today());
  await goOffline(context);
  await page.locator("#body").pressSequentially("Written with no signal.", { delay: 5 });
  await expect(page.locator("#sync-status")).toContainText("1 change only on this device");

  await page.getByRole("button", { name: "Sign out" }).click();

  // the choice, not the unlock screen
  await expect(page.locator("#unsynced-warning")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "Unlock your drafts" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out and keep them on this device" }).click();
  await expect(page.getByRole("heading", { name: "Signing out" })).toBeVisible();
  await expect(page.getByText("You have signed out")).toHaveCount(0);

  await goOnline(context);
  await expect(page).toHaveURL(/\/sign-in\?signed_out=1/, { timeout: 20_000 });
  const keys = await storageKeys(page);
  expect(keys.some((k) => k.includes(":outbox")), "the unsent change stays on the device, sealed").toBe(true);
  expect(keys.some((k) => k.endsWith(":keys"))).toBe(true);
  await page.goto("/portfolio");
  await expect(page).toHaveURL(/\/sign-in/);
});
