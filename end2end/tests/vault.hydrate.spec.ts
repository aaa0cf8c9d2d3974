// Issue 7: drafts at rest on a shared or lost tablet. Draft text in browser storage is sealed
// (AES-GCM under a per-person key), one person never sees another's drafts, and signing out
// with work only on this device warns first; once everything reached Pathway it wipes that
// person's drafts and keys.
import { test, expect, type Page } from "@playwright/test";
import { signIn, serverItems, today, WORKER } from "./support/session";
import { fillDate } from "./support/date";

const SECOND_WORKER = "jordan.ellis@pathway.example";

/** Every localStorage entry, read straight from the page. */
async function storage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
}

async function personPrefixes(page: Page): Promise<string[]> {
  const keys = Object.keys(await storage(page));
  return [...new Set(keys.filter((k) => k.startsWith("pathway:v1:") && k.split(":").length > 3).map((k) => k.split(":")[2]))];
}

test("two people on one browser: the second cannot see the first's drafts and nothing is stored in clear", async ({ page }) => {
  const secret = `Supervision note ${Date.now()}: the family asked us not to share this`;
  await signIn(page, WORKER, "/portfolio/edit?kind=reflective_statement");
  await page.locator("#body").pressSequentially(secret, { delay: 2 });
  await expect.poll(async () => Object.keys(await storage(page)).filter((k) => k.includes(":draft:")).length).toBe(1);
  const stored = await storage(page);
  for (const [key, value] of Object.entries(stored)) {
    expect(value, `${key} holds text in clear`).not.toContain("Supervision note");
    expect(value).not.toContain("the family asked");
  }
  const draftValue = Object.entries(stored).find(([k]) => k.includes(":draft:"))![1];
  expect(Object.keys(JSON.parse(draftValue)).sort()).toEqual(["ct", "iv"]);

  // signing out with an unsent draft warns; keeping it leaves it locked on the device
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-out/);
  await expect(page.locator("#unsynced-warning")).toBeVisible();
  await expect(page.locator("#left-here")).toContainText("a draft not complete enough to send");
  await page.getByRole("button", { name: "Sign out and keep them on this device" }).click();
  await expect(page).toHaveURL(/signed_out=1/);
  const [first] = await personPrefixes(page);

  await signIn(page, SECOND_WORKER, "/portfolio/edit?kind=reflective_statement");
  await page.waitForTimeout(1000); // a restored draft would appear after hydration
  await expect(page.locator("#body")).toHaveValue("");
  await expect(page.locator("#draft-restored")).toBeHidden();
  await page.locator("#body").pressSequentially("Jordan's own words", { delay: 2 });
  const drafts = async () => Object.keys(await storage(page)).filter((k) => k.includes(":draft:"));
  await expect.poll(async () => (await drafts()).length).toBe(2);
  const prefixes = await personPrefixes(page);
  expect(prefixes).toHaveLength(2);
  const second = prefixes.find((p) => p !== first)!;
  // the first person's records are still there, sealed, and still theirs
  const after = await storage(page);
  expect(Object.keys(after).some((k) => k.startsWith(`pathway:v1:${first}:draft:`))).toBe(true);
  expect(Object.keys(after).some((k) => k.startsWith(`pathway:v1:${second}:draft:`))).toBe(true);
  for (const value of Object.values(after)) {
    expect(value).not.toContain("Supervision note");
    expect(value).not.toContain("Jordan's own words");
  }
});

test("sign-out with unsent changes warns and offers to send them; after they reach Pathway it wipes drafts and keys", async ({ page, baseURL }) => {
  const title = `Sign-out check ${Date.now()}`;
  await signIn(page, WORKER, "/portfolio/edit?kind=reflective_statement");
  await page.getByLabel("Title").fill(title);
  await fillDate(page, "Date written", today());
  await page.context().setOffline(true);
  await page.locator("#body").pressSequentially("Written while the signal was gone.", { delay: 2 });
  await expect(page.locator("#sync-status")).toContainText("1 change only on this device");
  // the server cannot take the change yet (blocked before the network returns, or the
  // editor's own sync on reconnect would send it first)
  await page.route("**/api/sync/push", (route) => route.abort("connectionrefused"));
  await page.context().setOffline(false);
  await expect(page.locator("#sync-status")).toContainText("Sync failed — retrying");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-out/);
  await expect(page.locator("#left-here")).toContainText("1 change waiting to be sent");
  expect((await serverItems(page.request, baseURL!)).filter((i) => i.form?.title === title)).toHaveLength(0);

  await page.unroute("**/api/sync/push");
  await page.getByRole("button", { name: "Try to send them again" }).click();
  await expect(page.locator("#all-saved")).toBeVisible();
  const person = (await personPrefixes(page))[0];
  expect(Object.keys(await storage(page)).filter((k) => k.startsWith(`pathway:v1:${person}:`)).length).toBeGreaterThan(0);
  const mine = (await serverItems(page.request, baseURL!)).filter((i) => i.form?.title === title);
  expect(mine, "sent exactly once").toHaveLength(1);
  await page.locator("#sign-out-now").click();
  await expect(page).toHaveURL(/signed_out=1/);
  const left = Object.keys(await storage(page)).filter((k) => k.startsWith(`pathway:v1:${person}:`) || k === "pathway:v1:current");
  expect(left, "the person's drafts, outbox and keys are gone").toEqual([]);
});
