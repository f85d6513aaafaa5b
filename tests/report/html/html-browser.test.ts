// The HTML report in a real browser (issue 15): Debian's chromium driven by playwright-core, offline.
// It opens the report of a failing production plan from disk and checks what a reviewer relies on:
// no console error and no request, the verdict and counts of the JSON report, the status filter,
// the resource tree, no canary secret and no injected script, headings, table headers, keyboard
// reach and print contrast. It saves a screenshot for CI to keep. Without Chromium it is skipped
// with a loud notice locally, and fails when CI is set.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { JsonReport } from "../../../cli/report/json";
import { renderReport, type ReportFormat } from "../../../cli/report";
import { PROJECT_ROOT } from "../../../cli/plan/plan-stack";
import { CANARY, failingProductionPlan, HOSTILE_NAME, SECURE_CANARY, STACK_FILE } from "./failing-production";

// The few browser globals the page functions below use: the project compiles without the DOM library,
// and these functions run in Chromium, not in Node.
interface PageElement {
  id: string;
  tagName: string;
  classList: { contains(name: string): boolean };
  textContent: string | null;
}
declare const document: { activeElement: PageElement | null; body: { innerText: string } };
declare const window: { __pwned?: number; scrollTo(x: number, y: number): void };
declare function getComputedStyle(element: unknown): {
  color: string;
  backgroundColor: string;
  display: string;
  printColorAdjust: string;
};

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
/** Where CI picks up the screenshot as an artifact (git-ignored). */
export const SCREENSHOT = path.join(PROJECT_ROOT, "reports", "html-report-production.png");

/** Chromium on a machine without network: no sandbox (containers), and no background traffic at all. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

if (!HAVE_CHROMIUM && !process.env.CI) {
  console.warn(
    `\n*** SKIPPED: the HTML report browser test: no Chromium at ${CHROMIUM}. ` +
      "Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH; CI fails without it. ***\n",
  );
}

describe("the browser test's prerequisites", () => {
  it("has Chromium in CI", () => {
    if (process.env.CI)
      expect({ chromium: CHROMIUM, present: HAVE_CHROMIUM }).toEqual({ chromium: CHROMIUM, present: true });
    else expect(typeof HAVE_CHROMIUM).toBe("boolean");
  });
});

(HAVE_CHROMIUM ? describe : describe.skip)(
  "the HTML report of a failing production plan, in Chromium",
  () => {
    let json: JsonReport;
    let fileUrl: string;
    let context: BrowserContext;
    let page: Page;
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    let userDataDir: string;
    let startedAt: number;

    beforeAll(async () => {
      startedAt = Date.now();
      const { report, exitCode, cwd } = await failingProductionPlan();
      const render = (format: ReportFormat) =>
        renderReport(report, {
          format,
          exitCode,
          color: false,
          fallbackLocation: { file: STACK_FILE, line: 1 },
          cwd,
        });
      json = JSON.parse(render("json")) as JsonReport;
      const file = path.join(cwd, "report.html");
      fs.writeFileSync(file, render("html"));
      fileUrl = pathToFileURL(file).href;
      userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1200, height: 860 },
        offline: true,
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => consoleErrors.push(String(error)));
      page.on("request", (request) => {
        if (request.url() !== fileUrl) requests.push(request.url());
      });
      await page.goto(fileUrl, { waitUntil: "load" });
    }, 60000);

    afterAll(async () => {
      await context?.close();
      if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
      console.log(`HTML report browser test: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    });

    it("loads with no console error and no request but the file itself", async () => {
      expect(await page.title()).toMatch(/production: FAIL/);
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([]);
    });

    it("shows the verdict, exit code and counts of the JSON report for the same input", async () => {
      expect(json.exitCode).toBe(1);
      expect(await page.textContent("#verdict")).toBe("FAIL");
      expect(await page.textContent("#exit-code")).toBe(String(json.exitCode));
      const counts = await page.$$eval("[data-count]", (nodes) =>
        Object.fromEntries(nodes.map((n) => [n.getAttribute("data-count"), Number(n.textContent)])),
      );
      expect(counts).toEqual(json.summary.rules);
      expect(counts.attested).toBeGreaterThanOrEqual(4);
    });

    it("leaves exactly the failing rules when filtered by status fail", async () => {
      await page.selectOption("#filter-status", "fail");
      const shown = await page.$$eval("#rule-matrix tbody tr:not([hidden])", (rows) =>
        rows.map((row) => row.getAttribute("data-rule")),
      );
      const failing = json.rules.filter((r) => r.status === "fail").map((r) => r.ruleId);
      expect(failing.length).toBeGreaterThan(0);
      expect(shown.sort()).toEqual([...failing].sort());
      await page.selectOption("#filter-status", "attested");
      const attested = await page.$$eval("#rule-matrix tbody tr:not([hidden])", (rows) =>
        rows.map((row) => row.getAttribute("data-rule")),
      );
      expect(attested).toEqual(expect.arrayContaining(["ENV-5", "ALR-3", "DB-6", "STA-3"]));
      await page.selectOption("#filter-status", "");
      expect(await page.locator("#rule-matrix tbody tr:not([hidden])").count()).toBe(json.rules.length);
    });

    it("shows a resource's findings and their fix when its node is clicked", async () => {
      const database = json.findings.find((f) => f.ruleIds.includes("DB-2") && f.status === "fail");
      expect(database?.urn).toBeTruthy();
      const node = page.locator(`button.node[data-urn="${database?.urn}"]`);
      expect(await node.getAttribute("class")).toMatch(/\bw-fail\b/);
      const panel = page.locator(`.detail[data-urn="${database?.urn}"]`);
      expect(await panel.isVisible()).toBe(false);
      await node.click();
      expect(await panel.isVisible()).toBe(true);
      const text = await panel.innerText();
      expect(text).toContain(database?.message ?? "?");
      expect(text).toContain(database?.remediation ?? "?");
      expect(await page.locator(".resources .detail:visible").count()).toBe(1);
    });

    it("never shows the canary secret, and runs nothing a resource name or waiver reason carries", async () => {
      const html = await page.content();
      const text = await page.evaluate(() => document.body.innerText);
      expect(html).not.toContain(CANARY);
      expect(text).not.toContain(CANARY);
      expect(html).not.toContain(SECURE_CANARY.split(":")[2]);
      expect(text).not.toContain(SECURE_CANARY.split(":")[2]);
      expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
      expect(await page.locator("img").count()).toBe(0);
      expect(await page.locator("b").count()).toBe(0);
      expect(text).toContain(HOSTILE_NAME);
    });

    it("shows the failing stack-file line with its values masked", async () => {
      const lines = await page.locator("#findings pre.excerpt .current").allInnerTexts();
      expect(lines.some((line) => /^\s*\d+\s+high_availability: •••$/.test(line))).toBe(true);
    });

    it("lists waived findings with owner, reason and days to expiry, and attested rules, in their own sections", async () => {
      const waived = await page.locator("#waived table tbody tr").allInnerTexts();
      expect(json.waivedFindings.length).toBeGreaterThan(0);
      expect(waived).toHaveLength(json.waivedFindings.length);
      expect(waived[0]).toContain("platform@example.eu");
      expect(waived[0]).toContain("tool retired next sprint </script><b>bold</b>");
      expect(waived[0]).toMatch(/in \d+ days/);
      expect(await page.locator("#attested table tbody tr").count()).toBe(json.attestedRules.length);
      const env5 = await page.locator('#attested tbody tr:has(th:text-is("ENV-5"))').innerText();
      expect(env5).toMatch(/Pulumi\.production\.yaml:\d+/);
      expect(env5).toMatch(/audit_logging: •••/);
    });

    it("has one h1 and headings that never skip a level", async () => {
      const levels = await page.$$eval("h1, h2, h3, h4, h5, h6", (nodes) =>
        nodes.map((n) => Number(n.tagName[1])),
      );
      expect(levels.filter((l) => l === 1)).toHaveLength(1);
      expect(levels[0]).toBe(1);
      const skips = levels.filter((level, i) => i > 0 && level > levels[i - 1] + 1);
      expect(skips).toEqual([]);
    });

    it("gives every table column headers", async () => {
      const tables = await page.$$eval("table", (nodes) =>
        nodes.map((t) => ({
          id: t.id || t.closest("section")?.id,
          columnHeaders: t.querySelectorAll("thead th[scope=col]").length,
          cells: t.querySelector("tbody tr")?.children.length ?? 0,
        })),
      );
      expect(tables.length).toBeGreaterThanOrEqual(3);
      for (const table of tables) expect(table.columnHeaders).toBe(table.cells);
    });

    it("reaches the filters and the resource tree with the keyboard alone", async () => {
      await page.reload({ waitUntil: "load" });
      await page.locator("body").focus();
      const reached = new Set<string>();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press("Tab");
        reached.add(
          await page.evaluate(() => {
            const el = document.activeElement;
            return el?.id || (el?.classList.contains("node") ? "node" : (el?.tagName ?? ""));
          }),
        );
      }
      expect([...reached]).toEqual(
        expect.arrayContaining(["filter-status", "filter-group", "filter-severity", "node"]),
      );
      await page.focus("#filter-status");
      await page.keyboard.press("ArrowDown"); // first option after "all": fail, the worst status
      const value = await page.$eval("#filter-status", (s) => (s as unknown as { value: string }).value);
      expect(value).not.toBe("");
      await page.focus("button.node.w-fail");
      await page.keyboard.press("Enter");
      expect(await page.locator(".resources .detail:visible").count()).toBe(1);
    });

    it("keeps status colours legible (AA contrast) and every resource panel shown when printed", async () => {
      await page.emulateMedia({ media: "print" });
      const ratios = await page.$$eval(".badge, .verdict", (nodes) => {
        const channel = (c: number) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        const luminance = (css: string) => {
          const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"]).map(Number);
          return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        };
        return nodes.map((n) => {
          const style = getComputedStyle(n);
          const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
          return { text: n.textContent, ratio: (a + 0.05) / (b + 0.05), adjust: style.printColorAdjust };
        });
      });
      expect(ratios.length).toBeGreaterThan(0);
      for (const r of ratios) {
        expect(r.ratio).toBeGreaterThanOrEqual(4.5);
        expect(r.adjust).toBe("exact");
      }
      const hiddenInPrint = await page.$$eval(
        ".resources .detail",
        (nodes) => nodes.filter((n) => getComputedStyle(n).display === "none").length,
      );
      expect(hiddenInPrint).toBe(0);
      await page.emulateMedia({ media: "screen" });
    });

    it("saves a screenshot for CI to keep", async () => {
      await page.reload({ waitUntil: "load" });
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      // The top of the page as a reviewer first sees it, filtered to what fails.
      await page.selectOption("#filter-status", "fail");
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: SCREENSHOT, fullPage: false });
      console.log(`HTML report screenshot: ${SCREENSHOT}`);
      expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    });
  },
);
