// A set-password link with JavaScript off (issue 17 item 8): the link's code sits after `#`,
// which no browser sends to a server, so the page asks for it in a box of its own; the
// password is set and the person signs in with it.
import { test, expect } from "@playwright/test";
import { signIn } from "./support/session";

const ADMIN = "alex.morgan@pathway.example";

test("with JavaScript off, the code from the link is typed in and the password set", async ({ page, browser, baseURL }) => {
  // an administrator adds someone and makes their link (through the API the pages use)
  await signIn(page, ADMIN, "/admin/people");
  const email = `sam.okoro.${Date.now()}@pathway.example`;
  const api = { headers: { Origin: baseURL!, Accept: "application/json" } };
  const created = await page.request.post("/api/admin/create_person", {
    ...api,
    form: { "form[full_name]": "Sam Okoro", "form[email]": email, "form[job_title]": "Social Worker", "form[level]": "none" },
  });
  expect(created.status()).toBe(200);
  const personId: string = await created.json();
  const made = await page.request.post("/api/admin/set_password_link", { ...api, form: { person_id: personId } });
  expect(made.status()).toBe(200);
  const path: string = await made.json();
  const [, code] = path.split("#");
  expect(code.length).toBeGreaterThan(20);

  const sam = await (await browser.newContext({ baseURL, javaScriptEnabled: false })).newPage();
  await sam.goto(path);
  const box = sam.getByLabel("Code from your link");
  await expect(box).toBeVisible();
  await expect(box).toHaveValue("");
  await box.fill(code);
  await sam.getByLabel("New password").fill("lantern orchard ferry");
  await sam.getByRole("button", { name: "Set password" }).click();
  await expect(sam).toHaveURL(/\/sign-in\?password_set=1/);
  await sam.getByLabel("Email address").fill(email);
  await sam.getByLabel("Password").fill("lantern orchard ferry");
  await sam.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(sam).not.toHaveURL(/\/sign-in/);
  await sam.context().close();
});
