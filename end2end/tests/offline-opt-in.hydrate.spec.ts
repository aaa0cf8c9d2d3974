// Issue 17 item 7: a shared computer must not keep anything an offline guesser could test
// passwords against. Offline drafting (unlocking drafts with the password and no network) is
// set up on a device only when its owner ticks "Use this device to write drafts offline";
// the password wrapping needs a pepper kept in a cookie apart from page storage; forgetting
// the device on "Where you're signed in" ends it. Nothing typed is lost on the way: drafts
// on a device not set up stay sealed on it and open once Pathway can be reached.
import { test, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, goOffline, goOnline, hydration, signIn } from "./support/session";
import { controlledByServiceWorker } from "./support/sync";

// a worker no other hydrated spec signs in as: forgetting devices rotates her unlock key
const AISHA = "aisha.rahman@pathway.example";

interface KeyRecord {
  peppered?: boolean;
  by_password: unknown;
  by_server: unknown;
}

async function personId(page: Page): Promise<string> {
  const response = await page.request.post("/api/auth/me", { headers: { Origin: new URL(page.url()).origin } });
  expect(response.status()).toBe(200);
  return (await response.json()).person_id;
}

async function keyRecord(page: Page, person: string): Promise<KeyRecord | null> {
  const text = await page.evaluate((name) => localStorage.getItem(name), `pathway:v1:${person}:keys`);
  return text ? (JSON.parse(text) as KeyRecord) : null;
}

async function pepperCookies(page: Page, person: string) {
  return (await page.context().cookies()).filter((cookie) => cookie.name.endsWith(`pathway_pepper_${person}`));
}

test("signed in without asking, nothing derived from the password stays on the device, and a draft kept there opens again online", async ({
  context,
  page,
}) => {
  const title = `Kept sealed ${Date.now()}`;
  await signIn(page, AISHA, "/portfolio/edit?kind=reflective_statement");
  await controlledByServiceWorker(page);
  const person = await personId(page);
  await expect.poll(async () => (await keyRecord(page, person))?.by_server ?? null).not.toBeNull();
  expect((await keyRecord(page, person))?.by_password, "no password wrapping").toBeNull();
  expect(await pepperCookies(page, person)).toEqual([]);

  await goOffline(context);
  await page.getByLabel("Title").fill(title);
  await page.locator("#body").fill("Written on a computer that is not only mine.");
  await page.waitForTimeout(800);
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.locator("#saved-on-device")).toContainText("saved on this device");

  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-offline-app", "true", { timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "Your drafts are safe on this device" })).toBeVisible();
  await expect(page.locator("#offline-not-set-up")).toContainText("open as soon as Pathway can be reached");
  await expect(page.getByLabel("Your Pathway password"), "no password to guess at").toHaveCount(0);

  await goOnline(context);
  await expect(page.getByRole("heading", { name: "Your drafts on this device" })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("#offline-drafts")).toContainText(title);
});

test("asked for, the password opens drafts offline only beside the device's pepper, and forgetting the device ends it", async ({
  context,
  page,
}) => {
  await signIn(page, AISHA, "/portfolio", true, { offline: true });
  await controlledByServiceWorker(page);
  const person = await personId(page);
  await expect.poll(async () => (await keyRecord(page, person))?.by_password ?? null).not.toBeNull();
  expect((await keyRecord(page, person))?.peppered).toBe(true);
  const [pepper] = await pepperCookies(page, person);
  expect(pepper, "the pepper's cookie").toBeDefined();
  expect(pepper.httpOnly).toBe(false);
  expect(pepper.sameSite).toBe("Strict");

  // page storage without the cookie (a copied profile's localStorage): the password is not
  // even asked for
  await context.clearCookies({ name: pepper.name });
  await goOffline(context);
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-offline-app", "true", { timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "Your drafts are safe on this device" })).toBeVisible();
  await expect(page.getByLabel("Your Pathway password")).toHaveCount(0);
  await goOnline(context);
  await context.addCookies([pepper]);

  // the sessions page lists this device as set up; forgetting it ends offline unlocking here
  // the next time a page unlocks online
  await page.goto("/account/sessions");
  const row = page.locator("#devices tbody tr", { hasText: "This device" });
  await expect(row).toContainText("Set up");
  await row.getByRole("button", { name: "Forget" }).click();
  await expect(page.locator("#device-forgotten")).toContainText("That device is forgotten");
  await page.goto("/portfolio/edit?kind=reflective_statement");
  await expect.poll(async () => (await keyRecord(page, person))?.by_password ?? null).toBeNull();
  expect(await pepperCookies(page, person)).toEqual([]);
});

test("a device not set up at sign-in (the password was gone by the code page) is set up later on the sessions page, with the password asked again", async ({
  context,
  page,
}) => {
  // Arrange: signed in without the box ticked, as a two-step or provider sign-in ends
  await signIn(page, AISHA, "/portfolio");
  await controlledByServiceWorker(page);
  const person = await personId(page);
  await expect.poll(async () => (await keyRecord(page, person))?.by_server ?? null).not.toBeNull();
  await page.goto("/account/sessions");
  await hydration(page);
  const row = page.locator("#devices tbody tr", { hasText: "This device" });
  await expect(row).toContainText("Not set up");

  // Act + Assert: a wrong password is refused beside the field, and nothing is set up
  await page.getByLabel("Your Pathway password").fill("not my password at all");
  await page.getByRole("button", { name: "Set up this device" }).click();
  await expect(page.locator("#password-error")).toContainText("Your password is not correct");
  await expect(page.locator("#error-summary")).toContainText("Your password is not correct");
  expect((await keyRecord(page, person))?.by_password).toBeNull();
  expect(await pepperCookies(page, person)).toEqual([]);

  // the right one sets it up: the key wrapped with the password and the device's pepper
  await hydration(page);
  await page.getByLabel("Your Pathway password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Set up this device" }).click();
  await expect(page.locator("#set-up-result")).toContainText("This device is set up for offline drafting");
  await expect(page.locator("#devices tbody tr", { hasText: "This device" })).toContainText("Set up");
  await expect(page.getByRole("button", { name: "Set up this device" })).toHaveCount(0);
  expect((await keyRecord(page, person))?.peppered).toBe(true);
  expect((await keyRecord(page, person))?.by_password).not.toBeNull();
  expect(await pepperCookies(page, person)).toHaveLength(1);

  // with no network the password now opens the drafts
  await goOffline(context);
  await page.goto("/portfolio");
  await expect(page.locator("body")).toHaveAttribute("data-offline-app", "true", { timeout: 20_000 });
  await page.getByLabel("Your Pathway password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Unlock drafts" }).click();
  await expect(page.getByRole("button", { name: "Start a new reflective statement" })).toBeVisible();
  await goOnline(context);
});
