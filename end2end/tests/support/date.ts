// The GOV.UK date input: three boxes (Day, Month, Year) in a fieldset named by its legend.
import type { Page } from "@playwright/test";

/** Types an ISO date ("2026-03-07") into the date input whose legend is `legend`. */
export async function fillDate(page: Page, legend: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split("-");
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(year);
}
