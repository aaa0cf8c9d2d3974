// Issue 6 with JavaScript off: the conflicts page is plain HTML forms posting to
// sync/resolve_form and redirecting back. Conflicts are made through the sync API as two
// devices would make them (POST /api/sync/push, docs/sync.md).
import { test, expect, type Page } from "@playwright/test";
import { signIn, today, WORKER } from "./support/session";

/// A UUIDv7, as a device makes for a new item.
function uuidv7(): string {
  const hex =
    Date.now().toString(16).padStart(12, "0") +
    "7" +
    crypto.randomUUID().replace(/-/g, "").slice(0, 3) +
    "8" +
    crypto.randomUUID().replace(/-/g, "").slice(0, 15);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/// One device: its id and its next mutation number.
class Device {
  id = crypto.randomUUID();
  mutation = 0;
  constructor(private page: Page, private origin: string) {}

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

/// Earlier runs against the same database may have left conflicts: keep Pathway's version.
async function resolveLeftovers(page: Page) {
  await page.goto("/portfolio/conflicts");
  const sections = page.locator("section.app-conflict");
  for (let n = await sections.count(); n > 0; n = await sections.count()) {
    await sections.first().locator("form button").nth(1).click();
    await expect(page.locator("#resolved-banner")).toBeVisible();
    await expect(sections).toHaveCount(n - 1);
  }
}

test("with JavaScript off: the empty state, then a conflict resolved by keeping mine after a refused merge and a moved-on version", async ({
  page,
  baseURL,
}) => {
  // Arrange: signed in, nothing to choose
  await signIn(page, WORKER, "/portfolio/conflicts", false);
  await expect(page).toHaveURL(/\/portfolio\/conflicts$/);
  await resolveLeftovers(page);
  await page.goto("/portfolio/conflicts");
  await expect(page.getByRole("heading", { level: 1, name: "Choose between versions" })).toBeVisible();
  await expect(page.locator("#no-conflicts")).toHaveText("There are no conflicts to resolve.");
  await page.goto("/portfolio");
  await expect(page.locator("#conflicts-waiting")).toHaveCount(0);
  const person = await page.locator('#add-evidence input[name="person"]').inputValue();

  // one item saved from a phone, changed there again, and changed on a laptop from version 1
  const run = `${Date.now()}`;
  const title = `Offline statement ${run}`;
  const id = uuidv7();
  const form = (body: string) => ({
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
  });
  const phone = new Device(page, baseURL!);
  const laptop = new Device(page, baseURL!);
  expect(await phone.save(form(`First words (${run}).`), 0)).toEqual({ Applied: { version: 1 } });
  expect(await phone.save(form(`The phone's words (${run}).`), 1)).toEqual({ Applied: { version: 2 } });
  const late = await laptop.save(form(`The laptop's words (${run}).`), 1);
  expect(late.Conflict.server_version).toBe(2);

  // Act: the pathway links to the page, which shows both versions
  await page.goto("/portfolio");
  await expect(page.locator("#conflicts-waiting")).toContainText("1 change needs you to choose a version");
  await page.getByRole("link", { name: "Choose which version to keep" }).click();
  const conflict = page.locator("section.app-conflict", { hasText: title });
  await expect(conflict.locator('[id$="-mine"]')).toContainText(`The laptop's words (${run}).`);
  await expect(conflict.locator('[id$="-theirs"]')).toContainText(`The phone's words (${run}).`);

  // a merge that keeps the marking lines is refused; what was typed comes back
  await conflict.getByText("Merge by hand").click();
  const merged = conflict.getByLabel("Merged text");
  await expect(merged).toHaveValue(/\[Your version \(from this device\)\]/);
  await merged.fill(`[Version on Pathway]\nBoth sets of words (${run}).`);
  await conflict.getByRole("button", { name: "Save merged version" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Remove the lines");
  await expect(merged).toHaveValue(`[Version on Pathway]\nBoth sets of words (${run}).`);
  await expect(conflict.locator(".govuk-error-message")).toContainText("Remove the lines");

  // the phone changes the item again while the page is open: the choice is refused (409)
  expect(await phone.save(form(`The phone's newest words (${run}).`), 2)).toEqual({ Applied: { version: 3 } });
  await conflict.getByRole("button", { name: "Keep my version" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("changed again since you compared");
  await expect(conflict.locator('[id$="-theirs"]')).toContainText(`The phone's newest words (${run}).`);

  // keep mine against the version now shown: the copy was made against version 2, so it is
  // kept again against version 3 rather than written over it (issue 20)
  await conflict.getByRole("button", { name: "Keep my version" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("changed on Pathway after your version was kept");
  await expect(conflict.locator('[id$="-theirs"]')).toContainText(`The phone's newest words (${run}).`);
  await page.goto(`/portfolio/evidence?id=${id}`);
  await expect(page.locator("#evidence-text")).toContainText(`The phone's newest words (${run}).`);
  await page.goto("/portfolio/conflicts");

  // Act: keep mine, now that it was compared with version 3
  await conflict.getByRole("button", { name: "Keep my version" }).click();

  // Assert
  await expect(page.locator("#resolved-banner")).toContainText("Conflict resolved");
  await expect(page.locator(".govuk-error-summary")).toHaveCount(0);
  await expect(page.locator("#no-conflicts")).toHaveText("There are no conflicts to resolve.");
  await page.goto(`/portfolio/evidence?id=${id}`);
  await expect(page.locator("#evidence-text")).toContainText(`The laptop's words (${run}).`);
});
