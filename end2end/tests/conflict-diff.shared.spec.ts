// Issue 20, defect 5: the conflicts page showed both versions but not what differs ("Only the
// text is different"). The words only in one version are marked on that side, with JavaScript
// on and off, so a worker merging a long statement sees the paragraph one choice would lose.
import { test, expect } from "@playwright/test";
import { signIn, WORKER } from "./support/session";
import { Device, personId, resolveLeftovers, statement, uuidv7 } from "./support/sync";

test("the conflicts page marks the words only in each version", async ({ page, baseURL }, testInfo) => {
  const hydrated = testInfo.project.name !== "ssr";
  await signIn(page, WORKER, "/portfolio/conflicts", hydrated);
  await resolveLeftovers(page);
  const person = await personId(page);
  const run = `${Date.now()}`;
  const title = `Differences ${run}`;
  const id = uuidv7();
  const shared = `We met the family at home (${run}). The children showed us their school reports.`;
  const onPathway = `${shared}\n\nThe review meeting agreed a new plan for contact.`;
  const onDevice = `${shared}\n\nThe home visit showed the placement is settled.`;
  const form = (body: string) => statement(id, person, title, body);
  const phone = new Device(page, baseURL!);
  const tablet = new Device(page, baseURL!);
  expect(await phone.save(form(shared), 0)).toEqual({ Applied: { version: 1 } });
  expect(await phone.save(form(onPathway), 1)).toEqual({ Applied: { version: 2 } });
  expect((await tablet.save(form(onDevice), 1)).Conflict.server_version).toBe(2);

  await page.goto("/portfolio/conflicts");
  const conflict = page.locator("section.app-conflict", { hasText: title });
  const mine = conflict.locator('[id$="-mine-text"]');
  const theirs = conflict.locator('[id$="-theirs-text"]');
  await expect(mine).toContainText(shared);
  await expect(mine).toContainText("The home visit showed the placement is settled.");
  await expect(theirs).toContainText("The review meeting agreed a new plan for contact.");

  // only the words that differ are marked, each on its own side
  const marked = async (side: typeof mine) =>
    (await side.locator("mark").allInnerTexts()).map((t) => t.trim()).join(" ");
  expect(await marked(mine)).toContain("home visit showed the placement is settled");
  expect(await marked(mine)).not.toContain("school reports");
  expect(await marked(theirs)).toContain("review meeting agreed a new plan for contact");
  expect(await marked(theirs)).not.toContain("school reports");
  await expect(conflict.getByText("Highlighted: words only in your version.")).toBeVisible();
  await expect(conflict.getByText("Highlighted: words only in the version on Pathway.")).toBeVisible();
});
