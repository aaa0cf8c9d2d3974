// Issue 14 item 5, policy §6(i), with JavaScript on and off: Learning and Development confirm
// an ASYE worker's completion of the programme from their dashboard (PATH-ASYE-3); the
// worker cannot declare it. Each project confirms a different worker, so both start from
// "not confirmed".
import { test, expect } from "@playwright/test";
import { fillDate } from "./support/date";
import { signIn, today } from "./support/session";

const TOMASZ = "tomasz.kowalczyk@pathway.example";

test("PATH-ASYE-3: L&D confirm an ASYE worker's programme completion from their dashboard; the worker's list offers no way to declare it", async ({
  page,
}) => {
  const [worker, email] =
    test.info().project.name === "ssr"
      ? ["Ravi Chauhan", "ravi.chauhan@pathway.example"]
      : ["Ella Nowak", "ella.nowak@pathway.example"];

  await signIn(page, TOMASZ, "/dashboard/learning");
  const row = page.locator("#asye-cohort tbody tr", { hasText: worker });
  await row.getByRole("link", { name: `Confirm completion: ${worker}` }).click();
  await expect(page).toHaveURL(/kind=asye_completion/);
  await page.getByLabel("Title", { exact: true }).fill("ASYE programme completed");
  await fillDate(page, "Date the programme was completed", today());
  await page.locator("#body").fill("Completed the 2026 cohort's final assessment.");
  await page.getByRole("button", { name: "Save as final" }).click();
  await expect(page.locator("#saved-banner")).toContainText("Evidence saved");

  await page.goto("/dashboard/learning");
  await expect(page.locator("#asye-cohort tbody tr", { hasText: worker })).toContainText("Completed");

  // the worker sees it met, and cannot add one of their own
  await signIn(page, email, "/portfolio");
  await expect(page.locator("#task-PATH-ASYE-3-status")).toHaveText("Complete");
  await expect(page.locator("#add-kind option[value=asye_completion]")).toHaveCount(0);
  await expect(page.locator("#add-kind option[value=probation]")).toHaveCount(0);
});
