// `scw-infra alerts --stack <env> [--test]`: the rule groups as pushed, and the promtool proof of
// every alert of the shipped stacks. An alert without a firing and a silent case fails this test.
// promtool comes from Debian's `prometheus` package; without it locally the promtool tests print a
// loud SKIPPED, and in CI (CI set) they fail instead.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  mkdtempSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROMTOOL_ENV, findPromtool } from "../../cli/alerts/promtool";
import { runCli as runInProcess, type CliRun } from "../plan/cli-harness";
import { REPO_ROOT, STACK_TRACE, errorResponseIn } from "./validate-support";

const STACKS = ["staging", "production"] as const;
const PROMTOOL = findPromtool(process.env);
/** How this test run reaches promtool (PATH, $SCW_INFRA_PROMTOOL), passed on as a shell would. */
const TOOL_ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name === "PATH" || name === PROMTOOL_ENV),
);

/** `scw-infra <argv>` in process, from the repository root, with the test run's way to promtool. */
function runCli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return runInProcess(argv, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? TOOL_ENV });
}
/** The query of staging's runners-cpu-saturation, without its comparison (`> 90`, the threshold). */
const RUNNERS_CPU_QUERY = `serverless_container_cpu_usage_ratio{resource_name=~"staging-runners(-green|-canary)?"}`;

function alertNamesOf(stack: string): string[] {
  const text = readFileSync(join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8");
  const block = text.slice(text.indexOf("scaleway-infra:alerts:"));
  return [...block.matchAll(/^ {4}- name: (\S+)$/gm)].map((m) => m[1]);
}

function stackWith(stack: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "alerts-cli-"));
  const file = join(dir, `Pulumi.${stack}.yaml`);
  writeFileSync(file, edit(readFileSync(join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")));
  return file;
}

describe("scw-infra alerts", () => {
  it.each(STACKS)("prints the %s rule groups, where they run and how soon each can fire", async (stack) => {
    const run = await runCli(["alerts", "--stack", stack]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`pushed to the ruler of the project's Scaleway metrics data source`);
    expect(run.stdout).toContain("Preconfigured alerts enabled on the alert manager: PostgreSQLHighCPULoad");
    for (const name of alertNamesOf(stack)) {
      expect(run.stdout).toContain(`- alert: ${name}\n`);
      expect(run.stdout).toMatch(new RegExp(`^# ${name}: fires \\d+s at the earliest`, "m"));
    }
  });

  it("refuses an invalid stack with exit 2 and no stack trace", async () => {
    const file = stackWith("staging", (t) =>
      t.replace(
        'serverless_container_cpu_usage_ratio{resource_name=~"staging-runners(-green|-canary)?"}',
        "runner_jobs_queued",
      ),
    );
    const run = await runCli(["alerts", "--stack", "staging", "--config-file", file]);
    expect(run.code).toBe(2);
    expect(errorResponseIn(run.stderr).code).toBe("INFRA_001");
    expect(run.stderr).toContain("reads metric runner_jobs_queued, which Scaleway does not publish");
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it("refuses a rule group larger than the ruler accepts, citing the fact", async () => {
    const file = stackWith("staging", (t) => {
      const start = t.indexOf("    - name: documentation-cpu-saturation");
      const end = t.indexOf("    - name: runners-container-error");
      const block = t.slice(start, end);
      const copies = Array.from({ length: 20 }, (_, i) =>
        block.replace("documentation-cpu-saturation", `documentation-cpu-${i}`),
      );
      return t.slice(0, end) + copies.join("") + t.slice(end);
    });
    const run = await runCli(["alerts", "--stack", "staging", "--config-file", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("more than the 20 a group may hold (cockpit.ruler-limits");
  });

  it.each([
    ["another operator", `${RUNNERS_CPU_QUERY} < 90`, 'ends in "< 90", but the alert\'s threshold is > 90'],
    ["another value", `${RUNNERS_CPU_QUERY} > 0.9`, 'ends in "> 0.9", but the alert\'s threshold is > 90'],
    [
      "bool (it would fire all the time)",
      `${RUNNERS_CPU_QUERY} > bool 90`,
      "so the alert would fire all the time",
    ],
    [
      "a duration literal",
      `${RUNNERS_CPU_QUERY} > 1m30s`,
      'ends in "> 1m30s", a comparison with something other than a decimal number',
    ],
    [
      "the number first",
      `90 < ${RUNNERS_CPU_QUERY}`,
      "a comparison with something other than a decimal number",
    ],
  ])("refuses a query whose comparison disagrees with the threshold: %s", async (_what, query, message) => {
    const file = stackWith("staging", (t) =>
      t.replace(`query: '${RUNNERS_CPU_QUERY} > 90'`, `query: '${query}'`),
    );
    const run = await runCli(["alerts", "--stack", "staging", "--config-file", file, "--test"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const [problem] = (errorResponseIn(run.stderr).details as { problems: Record<string, unknown>[] })
      .problems;
    expect(problem).toMatchObject({
      configKey: "scaleway-infra:alerts",
      path: "/3/conditions/query",
      rule: "ALR-5",
    });
    expect(problem.message).toContain(message);
    expect(problem.fix).toBe(
      "End the query with <measure> > 90 (threshold.operator and threshold.value), or leave the comparison out of the query: the threshold is then applied to it.",
    );
  });

  it("refuses an alert whose query watches another service than its target", async () => {
    const file = stackWith("staging", (t) =>
      t.replace(
        `query: '${RUNNERS_CPU_QUERY} > 90'`,
        `query: '${RUNNERS_CPU_QUERY.replace("staging-runners", "staging-documentation")} > 90'`,
      ),
    );
    const run = await runCli(["alerts", "--stack", "staging", "--config-file", file]);
    expect(run.code).toBe(2);
    expect(errorResponseIn(run.stderr).details).toMatchObject({
      problems: [{ path: "/3/conditions/query", rule: "OPS-4", configKey: "scaleway-infra:alerts" }],
    });
    expect(run.stderr).toContain(
      'selects no series of its target runners: no serverless-containers metric of it is filtered on resource_name matching "staging-runners"',
    );
  });

  it("refuses an alert whose query does not read its metric", async () => {
    const file = stackWith("staging", (t) =>
      t.replace(
        "- name: runners-cpu-saturation\n      metric: serverless_container_cpu_usage_ratio",
        "- name: runners-cpu-saturation\n      metric: serverless_container_memory_usage_bytes",
      ),
    );
    const run = await runCli(["alerts", "--stack", "staging", "--config-file", file]);
    expect(run.code).toBe(2);
    expect(errorResponseIn(run.stderr).details).toMatchObject({
      problems: [{ path: "/3/metric", rule: "ALR-5", configKey: "scaleway-infra:alerts" }],
    });
    expect(run.stderr).toContain(
      "metric is not among the metrics conditions.query reads: serverless_container_cpu_usage_ratio",
    );
  });

  it.each([
    ["1e308", "must be at most 1000000000000000"],
    ["-1e16", "must be at least -1000000000000000"],
    ["0.12345678901234567", "has more than 15 significant digits"],
    [".inf", "must be a number"],
    [".nan", "must be a number"],
  ])("refuses a threshold value of %s, which the rule cannot hold exactly", async (value, message) => {
    const file = stackWith("staging", (t) =>
      t
        .replace(
          'value: 90\n        operator: ">"\n        duration: 600',
          `value: ${value}\n        operator: ">"\n        duration: 600`,
        )
        .replace(`query: '${RUNNERS_CPU_QUERY} > 90'`, `query: '${RUNNERS_CPU_QUERY}'`),
    );
    const run = await runCli(["alerts", "--stack", "staging", "--config-file", file, "--test"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(errorResponseIn(run.stderr).details).toMatchObject({
      problems: [{ path: "/3/threshold/value", rule: "ALR-2", configKey: "scaleway-infra:alerts" }],
    });
    expect(run.stderr).toContain(message);
  });

  it("refuses an evaluation window over an hour at once, before promtool simulates it", async () => {
    const file = stackWith("staging", (t) =>
      t.replace(/evaluation_window: \d+/g, "evaluation_window: 2000000000"),
    );
    const started = Date.now();
    const run = await runCli(["alerts", "--stack", "staging", "--config-file", file, "--test"]);
    expect(run.code).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(errorResponseIn(run.stderr).details).toMatchObject({
      problems: expect.arrayContaining([
        expect.objectContaining({ path: "/0/conditions/evaluation_window", rule: "ALR-5" }),
      ]),
    });
    expect(run.stderr).toContain("must be at most 3600");
  });

  it.each([
    ["a newline", '"runners-cpu\\nFAIL  forged-line"'],
    ["a terminal escape sequence", '"runners-cpu-\\e[31mred"'],
    ["upper-case letters", "RunnersCpuSaturation"],
    ["an underscore", "runners_cpu_saturation"],
    ["a hyphen at the end", "runners-cpu-"],
    ["64 characters", `runners-${"c".repeat(56)}`],
  ])("refuses an alert name with %s (not a slug), naming its key, value escaped", async (_what, name) => {
    const file = stackWith("staging", (t) => t.replace("- name: runners-cpu-saturation", `- name: ${name}`));
    const run = await runCli(["alerts", "--stack", "staging", "--config-file", file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const problems = (errorResponseIn(run.stderr).details as { problems: Record<string, unknown>[] })
      .problems;
    expect(problems).toEqual([
      expect.objectContaining({ configKey: "scaleway-infra:alerts", path: "/3/name", rule: "ALR-1" }),
    ]);
    expect(run.stderr).toContain("must be a slug: lowercase letters, digits and hyphens");
    expect(run.stderr).not.toMatch(/\u001b|\nFAIL {2}forged-line/);
  });

  it("prints every line with invisible characters escaped (a bidi override in a message template)", async () => {
    const file = stackWith("staging", (t) =>
      t.replace(
        "runners saturated, CPU above 90% of the limit",
        "runners saturated\\u202e, CPU above 90%\\u009b2J of the limit",
      ),
    );
    const run = await runCli(["alerts", "--stack", "staging", "--config-file", file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("runners saturated\\u202e, CPU above 90%\\u009b2J of the limit");
    expect(run.stdout).not.toMatch(/[\u202e\u009b]/);
  });

  it("fails --test with exit 1 on a stack with no alert: nothing proven is not a pass", async () => {
    const file = stackWith("staging", (t) => {
      const start = t.indexOf("  scaleway-infra:alerts:\n");
      const end = t.indexOf("\n  scaleway-infra:", start + 1);
      return `${t.slice(0, start)}  scaleway-infra:alerts: []${end < 0 ? "\n" : t.slice(end)}`;
    });
    const run = await runCli(["alerts", "--stack", "staging", "--config-file", file, "--test"]);
    expect(run.stdout).toContain(
      "0 alert(s): scaleway-infra:alerts of stack staging is empty, so nothing was proven",
    );
    expect(run.stdout).toMatch(/Result: FAIL\n$/);
    expect(run.stdout).not.toContain("PASS");
    expect(run.code).toBe(1);
  });

  it("says promtool is missing with exit 3 when PATH has none, with no fixed fallback such as /usr/bin", async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), "alerts-no-promtool-"));
    const missing = await runCli(["alerts", "--stack", "staging", "--test"], { env: { PATH: emptyDir } });
    expect(missing.code).toBe(3);
    const response = errorResponseIn(missing.stderr);
    expect(response).toMatchObject({
      code: "INFRA_004",
      message: "promtool was not found on PATH, so the alerts cannot be tested.",
    });
    expect((response.details as { fix: string }).fix).toContain("or set SCW_INFRA_PROMTOOL to its path");
    expect(missing.stdout).toBe("");
  });

  it.each([
    ["a file that does not exist", () => "/nonexistent/promtool"],
    ["a directory", () => mkdtempSync(join(tmpdir(), "alerts-promtool-dir-"))],
    [
      "a file that is not executable",
      () => {
        const file = join(mkdtempSync(join(tmpdir(), "alerts-promtool-")), "promtool");
        writeFileSync(file, "#!/bin/sh\nexit 0\n", { mode: 0o644 });
        return file;
      },
    ],
  ])("says SCW_INFRA_PROMTOOL names no promtool (%s), even when PATH has one", async (_what, target) => {
    const run = await runCli(["alerts", "--stack", "staging", "--test"], {
      env: { ...TOOL_ENV, [PROMTOOL_ENV]: target() },
    });
    expect(run.code).toBe(3);
    const response = errorResponseIn(run.stderr);
    expect(response.code).toBe("INFRA_004");
    expect(response.message).toMatch(/^SCW_INFRA_PROMTOOL names ".+", which is not an executable file/);
  });
});

if (PROMTOOL === undefined) {
  describe("promtool proof of every alert", () => {
    it("is SKIPPED because promtool is missing (never in CI)", () => {
      console.warn(
        "\n**********************************************************************\n" +
          "SKIPPED: promtool not found; the alerts of the shipped stacks were NOT proven.\n" +
          "Install Debian's `prometheus` package (or set PROMTOOL) to run them.\n" +
          "**********************************************************************\n",
      );
      // In CI the proof is mandatory: a missing promtool fails here.
      expect(process.env.CI).toBeFalsy();
    });
  });
} else {
  describe("promtool proof of every alert", () => {
    it.each(STACKS)("proves every %s alert with a firing and a silent case", async (stack) => {
      const run = await runCli(["alerts", "--stack", stack, "--test"]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const names = alertNamesOf(stack);
      expect(names.length).toBeGreaterThan(0);
      const lines = run.stdout.split("\n").filter((l) => /^(PASS|FAIL) {2}/.test(l));
      expect(lines).toHaveLength(names.length);
      for (const name of names) {
        const line = lines.find((l) => l.split(/\s+/)[1] === name);
        expect(line).toMatch(/^PASS {2}/);
        expect(line).toContain("FIRES ok");
        expect(line).toContain("SILENT ok");
      }
      expect(run.stdout).toMatch(/Result: PASS\n$/);
    });

    it("fails, with exit 1, an alert no case can be generated for", async () => {
      // Valid, and it selects its target, but no series carries two resource IDs at once.
      const file = stackWith("staging", (t) =>
        t.replace(
          `query: 'serverless_container_cpu_usage_ratio{resource_name=~"staging-runners(-green|-canary)?"} > 90'`,
          `query: 'serverless_container_cpu_usage_ratio{resource_name="staging-runners",resource_id="a",resource_id="b"} > 90'`,
        ),
      );
      const run = await runCli(["alerts", "--stack", "staging", "--config-file", file, "--test"]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^FAIL {2}runners-cpu-saturation +no case/m);
      expect(run.stdout).toMatch(/Result: FAIL\n$/);
    });

    it("runs the promtool SCW_INFRA_PROMTOOL names, relative to the working directory, not the one on PATH", async () => {
      const dir = mkdtempSync(join(tmpdir(), "alerts-own-promtool-"));
      const marker = join(dir, "used");
      mkdirSync(join(dir, "tools"));
      symlinkSync(PROMTOOL as string, join(dir, "tools", "real-promtool"));
      writeFileSync(
        join(dir, "tools", "promtool"),
        `#!/bin/sh\necho "$@" >> '${marker}'\nexec '${join(dir, "tools", "real-promtool")}' "$@"\n`,
      );
      chmodSync(join(dir, "tools", "promtool"), 0o755);
      const run = await runCli(
        ["alerts", "--stack", "staging", "--config-file", join(REPO_ROOT, "Pulumi.staging.yaml"), "--test"],
        { cwd: dir, env: { PATH: TOOL_ENV.PATH, [PROMTOOL_ENV]: "tools/promtool" } },
      );
      expect(run.stdout).toMatch(/Result: PASS\n$/);
      expect(run.code).toBe(0);
      expect(existsSync(marker) && readFileSync(marker, "utf8")).toMatch(
        /^check rules rules\.yaml\ntest rules /,
      );
    });

    it("proves a threshold far below a millionth exactly (1e-7, at the threshold)", async () => {
      const file = stackWith("staging", (t) =>
        t
          .replace(
            'value: 90\n        operator: ">"\n        duration: 600',
            'value: 1e-7\n        operator: ">="\n        duration: 600',
          )
          .replace(`${RUNNERS_CPU_QUERY} > 90'`, `${RUNNERS_CPU_QUERY}'`),
      );
      const run = await runCli(["alerts", "--stack", "staging", "--config-file", file, "--test"]);
      expect(run.stdout).toMatch(/^PASS {2}runners-cpu-saturation +FIRES ok/m);
      expect(run.code).toBe(0);
    });

    it("fails an alert whose condition the metric's own data cannot meet", async () => {
      // serverless_container_status is 1 while the container is in the selected status: "<= 0" on the
      // error status means "not in error", so the firing case (in error) must not fire. The threshold
      // says the same as the query (<= 0), or the stack would be refused before any case runs.
      const file = stackWith("staging", (t) =>
        t
          .replace(
            `serverless_container_status{resource_name=~"staging-streamlit(-green|-canary)?",status="error"} >= 1`,
            `serverless_container_status{resource_name=~"staging-streamlit(-green|-canary)?",status="error"} <= 0`,
          )
          .replace(
            '- name: streamlit-container-error\n      metric: serverless_container_status\n      threshold:\n        value: 1\n        operator: ">="',
            '- name: streamlit-container-error\n      metric: serverless_container_status\n      threshold:\n        value: 0\n        operator: "<="',
          ),
      );
      const run = await runCli(["alerts", "--stack", "staging", "--config-file", file, "--test"]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^FAIL {2}streamlit-container-error +FIRES FAILED/m);
    });
  });
}
