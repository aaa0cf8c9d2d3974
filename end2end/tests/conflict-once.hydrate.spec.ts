// Issue 20, defect 1: a lost edit through a duplicate conflict. Device B's one offline edit
// followed by "Save as draft" was queued as two changes, so B got two identical conflict
// copies; after B merged the first, the second still offered "Keep my version", and one click
// put B's text alone back on Pathway: device A's paragraph was gone. One edit is one change,
// copies of one change are one conflict, and "keep mine" on an item that moved on since its
// copy was made becomes a new conflict against the current version, never an overwrite.
import { test, expect, type Browser, type Page } from "@playwright/test";
import { goOffline, goOnline, serverItems, signIn, today, WORKER } from "./support/session";
import { copiesOf, Device, personId, resolveLeftovers, statement, uuidv7 } from "./support/sync";
import { fillDate } from "./support/date";

async function device(browser: Browser, baseURL: string, next: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await signIn(page, WORKER, next);
  return { context, page, errors };
}

async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
}

test("one offline edit then Save as draft is one change and one conflict; merging it leaves nothing that could put the old text back", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const run = `${Date.now()}`;
  const title = `Two devices ${run}`;
  const original = `The statement as written online (${run}).`;
  const onA = `${original}\n\nDevice A's paragraph about the review meeting (${run}).`;
  const onB = `${original}\n\nDevice B's paragraph about the home visit (${run}).`;

  // Arrange: the item is made online on device A; both devices open it
  const a = await device(browser, baseURL!, "/portfolio/edit?kind=reflective_statement");
  await a.page.getByLabel("Title", { exact: true }).fill(title);
  await fillDate(a.page, "Date written", today());
  await a.page.locator("#body").fill(original);
  await a.page.getByRole("button", { name: "Save as draft" }).click();
  await expect(a.page).toHaveURL(/\/portfolio\/evidence\?id=.*saved=1/);
  const id = new URL(a.page.url()).searchParams.get("id")!;
  const editor = `/portfolio/edit?id=${id}`;
  const b = await device(browser, baseURL!, editor);
  await resolveLeftovers(b.page);
  for (const d of [a, b]) {
    await d.page.goto(editor);
    await hydrated(d.page);
    await expect(d.page.locator("#body")).toHaveValue(original);
  }

  // Act: both edit offline. B types, pauses (the editor queues what was typed), then presses
  // "Save as draft": one edit, one change
  for (const [d, text] of [
    [a, onA],
    [b, onB],
  ] as const) {
    await goOffline(d.context);
    await d.page.locator("#body").fill(text);
    await d.page.waitForTimeout(800);
    await d.page.getByRole("button", { name: "Save as draft" }).click();
    await expect(d.page.locator("#sync-status")).toContainText("Offline — 1 change only on this device");
  }
  for (const d of [a, b]) {
    await goOnline(d.context);
    await expect(d.page.locator("#sync-status")).toContainText("All changes saved to Pathway", { timeout: 20_000 });
  }

  // Assert: A's text is current; B's edit is kept once, as one conflict
  const copies = await copiesOf(b.page, baseURL!, id);
  expect(copies.map((c) => c.mine.body)).toEqual([onB]);
  expect((await serverItems(b.page.request, baseURL!)).find((i) => i.id === id)?.form?.body).toBe(onA);

  // B merges by hand: both paragraphs
  const merged = `${original}\n\nDevice A's paragraph about the review meeting (${run}).\n\nDevice B's paragraph about the home visit (${run}).`;
  await b.page.goto("/portfolio/conflicts");
  await hydrated(b.page);
  const conflict = b.page.locator("section.app-conflict", { hasText: title });
  await conflict.getByText("Merge by hand").click();
  await conflict.getByLabel("Merged text").fill(merged);
  await conflict.getByRole("button", { name: "Save merged version" }).click();
  await expect(b.page.locator("#resolved-banner")).toContainText("Conflict resolved");

  // nothing of this item is left to choose, so no click can put B's text alone back
  await expect(b.page.locator("section.app-conflict", { hasText: title })).toHaveCount(0);
  expect(await copiesOf(b.page, baseURL!, id)).toEqual([]);
  const now = (await serverItems(b.page.request, baseURL!)).find((i) => i.id === id)?.form?.body ?? "";
  expect(now, "A's paragraph is on Pathway").toContain(`Device A's paragraph about the review meeting (${run}).`);
  expect(now, "B's paragraph is on Pathway").toContain(`Device B's paragraph about the home visit (${run}).`);
  expect([...a.errors, ...b.errors]).toEqual([]);
  await a.context.close();
  await b.context.close();
});

test("keep mine on an item that moved on after the copy was made is a new conflict against the current version, not an overwrite", async ({
  page,
  baseURL,
}) => {
  await signIn(page, WORKER, "/portfolio/conflicts");
  await resolveLeftovers(page);
  const person = await personId(page);
  const run = `${Date.now()}`;
  const title = `Moved on ${run}`;
  const id = uuidv7();
  const form = (body: string) => statement(id, person, title, body);
  const a = new Device(page, baseURL!);
  const b = new Device(page, baseURL!);
  expect(await a.save(form(`First words (${run}).`), 0)).toEqual({ Applied: { version: 1 } });
  expect(await a.save(form(`A's words (${run}).`), 1)).toEqual({ Applied: { version: 2 } });
  // B's change from version 1: kept as a copy against version 2
  expect((await b.save(form(`B's words (${run}).`), 1)).Conflict.server_version).toBe(2);
  // the same change again (sent twice): the same conflict, not a second copy
  const twice = await b.save(form(`B's words (${run}).`), 1);
  expect(twice.Conflict.server_version).toBe(2);
  expect(await copiesOf(page, baseURL!, id)).toHaveLength(1);
  // then A adds a paragraph: the item moves on to version 3
  const withParagraph = `A's words (${run}).\n\nA's new paragraph, not in the copy (${run}).`;
  expect(await a.save(form(withParagraph), 2)).toEqual({ Applied: { version: 3 } });

  // Act: the page shows version 3 as "on Pathway"; the worker keeps their own version
  await page.goto("/portfolio/conflicts");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
  const conflict = page.locator("section.app-conflict", { hasText: title });
  await expect(conflict.locator('[id$="-theirs"]')).toContainText("A's new paragraph");
  await conflict.getByRole("button", { name: "Keep my version" }).click();

  // Assert: A's paragraph is still on Pathway; B's text waits again, against version 3
  await expect(page.locator(".govuk-error-summary")).toContainText("changed on Pathway after your version was kept");
  expect((await serverItems(page.request, baseURL!)).find((i) => i.id === id)?.form?.body).toBe(withParagraph);
  const again = await copiesOf(page, baseURL!, id);
  expect(again).toHaveLength(1);
  expect(again[0].mine.body).toBe(`B's words (${run}).`);
  expect(again[0].server_version).toBe(3);
  await expect(page.locator("section.app-conflict", { hasText: title })).toHaveCount(1);

  // compared against version 3, keeping mine is the worker's informed choice
  await page.locator("section.app-conflict", { hasText: title }).getByRole("button", { name: "Keep my version" }).click();
  await expect(page.locator("#resolved-banner")).toContainText("Conflict resolved");
  expect((await serverItems(page.request, baseURL!)).find((i) => i.id === id)?.form?.body).toBe(`B's words (${run}).`);
});
