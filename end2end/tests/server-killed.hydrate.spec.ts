// Issue 6: "a push retried after the server was killed mid-request leaves no duplicate". The
// spec runs a Pathway server of its own so it can kill it (SIGKILL, no graceful shutdown) after
// it has committed a push and before the answer reaches the device, then starts it again on the
// same database: the device still holds the change, sends it again, and the server answers from
// the outcome it stored with the change instead of applying it twice.
import { test, expect, type Route } from "@playwright/test";
import { type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { signIn, serverItems, today, WORKER } from "./support/session";
import { currentBuild, freePort, startServer, stopServer } from "./support/server";
import { fillDate } from "./support/date";

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

test("a push retried after the server was killed mid-request is applied once", async ({ browser }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pathway-killed-"));
  const database = path.join(dir, "pathway.db");
  const log = path.join(dir, "server.log");
  const build = currentBuild();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined = await startServer(build, port, database, log, { demo: true });
  const context = await browser.newContext({ baseURL: origin });
  try {
    const page = await context.newPage();
    const title = `Killed server ${Date.now()}`;
    const text = "Met the foster carers; both children are settled and attending school.";
    await signIn(page, WORKER, "/portfolio/edit?kind=reflective_statement");
    await page.getByLabel("Title").fill(title);
    await fillDate(page, "Date written", today());
    await context.setOffline(true);
    await page.locator("#body").pressSequentially(text, { delay: 5 });
    await expect(page.locator("#sync-status")).toContainText("1 change only on this device");

    // The first push reaches the server, which commits it; then the server dies before its
    // answer is delivered, so the device never hears that the change arrived.
    let pushes = 0;
    let killedAfterCommit = false;
    await page.route("**/api/sync/push", async (route: Route) => {
      pushes += 1;
      if (pushes === 1 && server) {
        const answer = await route.fetch();
        expect(answer.status()).toBe(200);
        await killed(server);
        killedAfterCommit = true;
        await route.abort("connectionreset");
      } else {
        await route.continue();
      }
    });
    await context.setOffline(false);
    await expect(page.locator("#sync-status")).toContainText("Sync failed — retrying");
    expect(killedAfterCommit).toBe(true);
    // the change is still on the device, waiting to be sent again
    await expect(page.locator("#sync-status")).toContainText("1 change only on this device");

    // The server comes back on the same database; the session and the stored outcome survived.
    server = await startServer(build, port, database, log, { demo: true });
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.locator("#sync-status")).toContainText("All changes saved to Pathway");
    expect(pushes).toBeGreaterThanOrEqual(2);

    const mine = (await serverItems(page.request, origin)).filter((item) => item.form?.title === title);
    expect(mine, "applied once: the retry was answered from the stored outcome").toHaveLength(1);
    expect(mine[0].version).toBe(1);
    expect(mine[0].form?.body).toBe(text);
  } finally {
    await context.close();
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
