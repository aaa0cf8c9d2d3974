// Shared steps for the offline and conflict specs: devices pushing changes through the sync API
// as a browser's outbox would (POST /api/sync/push, docs/sync.md), and clearing conflicts an
// earlier run left behind.
import { expect, type Page } from "@playwright/test";
import { today } from "./session";

/** A UUIDv7, as a device makes for a new item. */
export function uuidv7(): string {
  const hex =
    Date.now().toString(16).padStart(12, "0") +
    "7" +
    crypto.randomUUID().replace(/-/g, "").slice(0, 3) +
    "8" +
    crypto.randomUUID().replace(/-/g, "").slice(0, 15);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One device: its id and its next mutation number, pushing as the page's signed-in person. */
export class Device {
  id = crypto.randomUUID();
  mutation = 0;
  constructor(
    private page: Page,
    private origin: string,
  ) {}

  async save(form: Record<string, unknown>, baseVersion: number) {
    this.mutation += 1;
    const change = { mutation: this.mutation, id: form.id, base_version: baseVersion, op: { Save: form } };
    const response = await this.page.request.post("/api/sync/push", {
      data: { request: { client_id: this.id, changes: [change] } },
      headers: { Origin: this.origin },
    });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()).results[0].outcome;
  }
}

/** A reflective statement's form as the editor posts it. */
export function statement(id: string, person: string, title: string, body: string) {
  return {
    id,
    person_id: person,
    kind: "reflective_statement",
    status: "draft",
    version: "",
    title,
    date: today(),
    body,
    previous_employer: "",
    details: {},
  };
}

/** The signed-in worker's person id, from the pathway page's "add evidence" form. */
export async function personId(page: Page): Promise<string> {
  await page.goto("/portfolio");
  return page.locator('#add-evidence input[name="person"]').inputValue();
}

/** Unresolved conflict copies of item `id`, as the sync API lists them. */
export async function copiesOf(page: Page, origin: string, id: string): Promise<any[]> {
  const listed = await page.request.post("/api/sync/conflicts", { form: { all: "false" }, headers: { Origin: origin } });
  expect(listed.status()).toBe(200);
  return ((await listed.json()) as any[]).filter((c) => c.evidence_id === id);
}

/** Earlier runs against the same database may have left conflicts: keep Pathway's version. */
export async function resolveLeftovers(page: Page) {
  await page.goto("/portfolio/conflicts");
  const sections = page.locator("section.app-conflict");
  for (let n = await sections.count(); n > 0; n = await sections.count()) {
    await sections.first().locator("form button").nth(1).click();
    await expect(page.locator("#resolved-banner")).toBeVisible();
    await expect(sections).toHaveCount(n - 1);
  }
}

/** Waits until the service worker controls the page (reloading once if it does not yet) and
 * the page is hydrated again, so a click is handled by the app rather than a plain form post. */
export async function controlledByServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect
    .poll(
      async () => {
        const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
        if (!controlled) await page.reload();
        return controlled;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
  // The hydrated sign-in sets this device up for offline drafting after it lands (a slow
  // key derivation): a spec that goes offline before that finishes finds nobody to unlock.
  await expect
    .poll(async () => page.evaluate(() => localStorage.getItem("pathway:v1:current") !== null), { timeout: 30_000 })
    .toBe(true);
}

/** Every localStorage key of the page's origin. */
export async function storageKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage));
}

