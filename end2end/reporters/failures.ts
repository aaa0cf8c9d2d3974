// Writes one line per failed test (project, file:line, title, the error's first line) to
// the file PATHWAY_E2E_FAILURES names, so `cargo xtask test` can put them in its closing
// summary: CI shows only the end of a long log, where the list reporter's details are gone.
import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { writeFileSync } from "node:fs";
import { relative } from "node:path";

class FailuresReporter implements Reporter {
  private lines: string[] = [];

  onTestEnd(test: TestCase, result: TestResult) {
    if (result.status === test.expectedStatus) return;
    const project = test.parent.project()?.name ?? "";
    const where = `${relative(process.cwd(), test.location.file)}:${test.location.line}`;
    // colour codes make the summary unreadable in a plain log
    const lines = (result.error?.message ?? result.status)
      .replace(/\u001b\[[0-9;]*m/g, "")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    // the failure and the locator or values it names
    const plain = lines.slice(0, 3).join(" / ").slice(0, 400);
    this.lines.push(`[${project}] ${where} ${test.title} — ${plain}`);
  }

  onEnd() {
    const file = process.env.PATHWAY_E2E_FAILURES;
    if (file) writeFileSync(file, this.lines.join("\n"));
  }
}

export default FailuresReporter;
