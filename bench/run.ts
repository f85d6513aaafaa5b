// `npm run bench`: the two start-up and suite figures of issue 12, and the policy pack's scaling.
// - The plan ratio: the wall time of `scw-infra plan --stack production` over the wall time of
//   `node -e "require('@pulumi/pulumi')"`, both in fresh processes, alternating, in the same run
//   (median of 5 each, after one untimed run of each that fills the loader's caches), against the
//   target of 2.5. CPU time (user + system) and peak memory come with it, from GNU time when
//   installed.
// - The duration of `npm test` against the target of 3 minutes: measured with `--tests` (npm run
//   bench -- --tests runs the whole suite once), else the last one measured, read back from
//   bench/results/.
// - The offline plan run in process (first and later runs), and the policy pack's evaluation alone
//   on synthetic stacks of 100, 1,000 and 10,000 resources (µs per resource, and the growth ratio
//   t(10k)/t(1k)).
// Prints a table with PASS or FAIL per target and writes bench/results/<date>.json. Figures are what
// they are: the machine's load average is recorded beside each.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { evaluatePolicies } from "../cli/policy-runner/runner";
import { planStack, PROJECT_ROOT } from "../cli/plan/plan-stack";
import { syntheticStack } from "./synthetic-stack";

const TARGETS = {
  planRatio: 2.5,
  testSeconds: 180,
  growthRatio: 12,
  microsecondsPerResource: 50,
};
const PLAN_RUNS = 5;
const SIZES = [100, 1000, 10000];
const RESULTS_DIR = path.join(PROJECT_ROOT, "bench", "results");

// A full collection before each timed run, so one run does not pay for the garbage of the previous
// one (the run's own garbage is still collected, and counted, during the run).
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as (() => void) | undefined;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

const verdict = (met: boolean): string => (met ? "PASS" : "FAIL");

interface ProcessRun {
  seconds: number;
  /** User + system CPU time; null without GNU time. */
  cpuSeconds: number | null;
  maxRssMb: number | null;
  exitCode: number;
}

const GNU_TIME = "/usr/bin/time";

/**
 * One command in a fresh process, timed by GNU time when installed (wall clock, CPU time and
 * maximum resident set); without it, timed here, with CPU and memory reported as unknown (null).
 */
function timedProcess(argv: string[]): ProcessRun {
  const [command, ...args] = fs.existsSync(GNU_TIME) ? [GNU_TIME, "-v", ...argv] : argv;
  const started = performance.now();
  const child = spawnSync(command, args, {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  const seconds = (performance.now() - started) / 1000;
  const stderr = child.stderr ?? "";
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  return {
    seconds,
    cpuSeconds: user && system ? Number(user[1]) + Number(system[1]) : null,
    maxRssMb: rss ? Number(rss[1]) / 1024 : null,
    exitCode: child.status ?? -1,
  };
}

// The plan writes its report to a file (the command refuses devices such as /dev/null as --output).
const planReport = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scw-infra-bench-")), "plan.json");
const PLAN_COMMAND = [
  process.execPath,
  "cli/scw-infra.js",
  "plan",
  "--stack",
  "production",
  "--format",
  "json",
  "--output",
  planReport,
];
const BASELINE_COMMAND = [process.execPath, "-e", "require('@pulumi/pulumi')"];

interface PlanRatio {
  /** The untimed first runs: the plan's fills the loader's caches if they are cold. */
  firstPlan: ProcessRun;
  plans: ProcessRun[];
  baselines: ProcessRun[];
  planMedian: number;
  baselineMedian: number;
  ratio: number;
  cpuRatio: number | null;
  loadBefore: string;
  loadAfter: string;
}

function measurePlanRatio(): PlanRatio {
  const loadBefore = loadAverage();
  const firstPlan = timedProcess(PLAN_COMMAND);
  timedProcess(BASELINE_COMMAND);
  process.stderr.write(`bench: first plan run (untimed): ${firstPlan.seconds.toFixed(2)} s\n`);
  const plans: ProcessRun[] = [];
  const baselines: ProcessRun[] = [];
  for (let i = 0; i < PLAN_RUNS; i++) {
    baselines.push(timedProcess(BASELINE_COMMAND));
    plans.push(timedProcess(PLAN_COMMAND));
    process.stderr.write(
      `bench: run ${i + 1}/${PLAN_RUNS}: require('@pulumi/pulumi') ${baselines[i].seconds.toFixed(2)} s, plan ${plans[i].seconds.toFixed(2)} s (load ${loadAverage()})\n`,
    );
  }
  const planMedian = median(plans.map((r) => r.seconds));
  const baselineMedian = median(baselines.map((r) => r.seconds));
  const cpu = (runs: ProcessRun[]) =>
    runs.every((r) => r.cpuSeconds !== null) ? median(runs.map((r) => r.cpuSeconds as number)) : null;
  const planCpu = cpu(plans);
  const baselineCpu = cpu(baselines);
  return {
    firstPlan,
    plans,
    baselines,
    planMedian,
    baselineMedian,
    ratio: planMedian / baselineMedian,
    cpuRatio: planCpu !== null && baselineCpu ? planCpu / baselineCpu : null,
    loadBefore,
    loadAfter: loadAverage(),
  };
}

interface TestRun {
  date: string;
  seconds: number;
  exitCode: number;
  loadBefore: string;
  loadAfter: string;
}

/** `npm test`, the whole suite, once; its output goes to bench/results/npm-test.log. */
function measureTests(): TestRun {
  const date = new Date().toISOString();
  const loadBefore = loadAverage();
  process.stderr.write(`bench: running npm test (load ${loadBefore})...\n`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const log = fs.openSync(path.join(RESULTS_DIR, "npm-test.log"), "w");
  const started = performance.now();
  const child = spawnSync("npm", ["test"], { cwd: PROJECT_ROOT, stdio: ["ignore", log, log] });
  const seconds = (performance.now() - started) / 1000;
  fs.closeSync(log);
  return { date, seconds, exitCode: child.status ?? -1, loadBefore, loadAfter: loadAverage() };
}

/** The newest `npm test` figure among earlier results files, if any. */
function lastTestRun(): TestRun | undefined {
  if (!fs.existsSync(RESULTS_DIR)) return undefined;
  const files = fs
    .readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .reverse();
  for (const file of files) {
    try {
      const tests = (JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, file), "utf8")) as { tests?: TestRun })
        .tests;
      if (tests && typeof tests.seconds === "number") return tests;
    } catch {
      // Not a results file of this bench: skip it.
    }
  }
  return undefined;
}

interface EvaluationTiming {
  size: number;
  /** Median wall-clock time of one evaluation. */
  medianMs: number;
  usPerResource: number;
  /** Median CPU time (user + system) of one evaluation: less sensitive to other load on the machine. */
  medianCpuMs: number;
  cpuUsPerResource: number;
  findings: number;
}

async function timeEvaluation(size: number, repeats: number): Promise<EvaluationTiming> {
  const resources = syntheticStack(size);
  await evaluatePolicies(resources, { stack: "production" }); // warm-up: JIT and module caches
  const wall: number[] = [];
  const cpu: number[] = [];
  let findings = 0;
  for (let i = 0; i < repeats; i++) {
    collectGarbage?.();
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const evaluation = await evaluatePolicies(resources, { stack: "production" });
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    findings = evaluation.findings.length;
  }
  const medianMs = median(wall);
  const medianCpuMs = median(cpu);
  return {
    size,
    medianMs,
    usPerResource: (medianMs * 1000) / size,
    medianCpuMs,
    cpuUsPerResource: (medianCpuMs * 1000) / size,
    findings,
  };
}

async function main(): Promise<void> {
  const runTests = process.argv.slice(2).includes("--tests");
  process.stderr.write(`bench: ${os.cpus().length} CPUs, load average ${loadAverage()}\n`);

  const plan = measurePlanRatio();
  const tests = runTests ? measureTests() : lastTestRun();

  const inProcess: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await planStack({ stack: "production", cwd: PROJECT_ROOT });
    inProcess.push((performance.now() - started) / 1000);
  }
  const evaluations = [];
  for (const size of SIZES) {
    evaluations.push(await timeEvaluation(size, 5));
    process.stderr.write(`bench: evaluation of ${size} resources done\n`);
  }
  const t1k = evaluations.find((e) => e.size === 1000)?.medianMs ?? NaN;
  const t10k = evaluations.find((e) => e.size === 10000)?.medianMs ?? NaN;
  const ratio = t10k / t1k;
  const cpuRatio =
    (evaluations.find((e) => e.size === 10000)?.medianCpuMs ?? NaN) /
    (evaluations.find((e) => e.size === 1000)?.medianCpuMs ?? NaN);
  const worstUs = Math.max(...evaluations.map((e) => e.usPerResource));
  const rssValues = plan.plans.map((r) => r.maxRssMb).filter((m): m is number => m !== null);
  const peakRss = rssValues.length > 0 ? Math.max(...rssValues) : null;
  const planMet = plan.ratio <= TARGETS.planRatio;
  const testsMet = tests !== undefined && tests.exitCode === 0 && tests.seconds < TARGETS.testSeconds;

  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      loadAverage: os.loadavg(),
      node: process.version,
    },
    plan: {
      command: "scw-infra plan --stack production --format json --output <temporary file>",
      baselineCommand: `node -e "require('@pulumi/pulumi')"`,
      firstRun: plan.firstPlan,
      runs: plan.plans,
      baselineRuns: plan.baselines,
      medianSeconds: plan.planMedian,
      baselineMedianSeconds: plan.baselineMedian,
      ratio: plan.ratio,
      cpuRatio: plan.cpuRatio,
      loadAverage: { before: plan.loadBefore, after: plan.loadAfter },
      peakRssMb: peakRss,
      inProcessSeconds: inProcess,
      target: { ratio: TARGETS.planRatio, met: planMet },
    },
    // Only a run of this bench with --tests writes this field; later runs read it back.
    ...(runTests && tests
      ? { tests: { ...tests, target: { seconds: TARGETS.testSeconds, met: testsMet } } }
      : {}),
    evaluation: {
      sizes: evaluations,
      growthRatio10kOver1k: ratio,
      cpuGrowthRatio10kOver1k: cpuRatio,
      target: {
        growthRatio: TARGETS.growthRatio,
        microsecondsPerResource: TARGETS.microsecondsPerResource,
        ratioMet: ratio <= TARGETS.growthRatio,
        perResourceMet: worstUs <= TARGETS.microsecondsPerResource,
      },
    },
  };

  const testsRow = (): string[] => {
    const label = "npm test, whole suite";
    if (!tests)
      return [label, "not measured: run `npm run bench -- --tests`", `< ${TARGETS.testSeconds} s`, "-"];
    const when = runTests ? "this run" : `last measured ${tests.date.slice(0, 16).replace("T", " ")} UTC`;
    const failed = tests.exitCode === 0 ? "" : `, FAILED (exit ${tests.exitCode})`;
    return [
      label,
      `${tests.seconds.toFixed(0)} s (${when}, load ${tests.loadBefore} -> ${tests.loadAfter}${failed})`,
      `< ${TARGETS.testSeconds} s`,
      verdict(testsMet),
    ];
  };
  const rows = [
    ["measure", "value", "target", "met"],
    [
      `plan / require('@pulumi/pulumi'), wall, medians of ${PLAN_RUNS} alternating`,
      `${plan.ratio.toFixed(2)}x (${plan.planMedian.toFixed(2)} s / ${plan.baselineMedian.toFixed(2)} s, load ${plan.loadBefore} -> ${plan.loadAfter})`,
      `<= ${TARGETS.planRatio}x`,
      verdict(planMet),
    ],
    [
      "the same in CPU time (user + system)",
      plan.cpuRatio === null ? "unknown (no GNU time)" : `${plan.cpuRatio.toFixed(2)}x`,
      "-",
      "-",
    ],
    ["plan, first run (caches as found)", `${plan.firstPlan.seconds.toFixed(2)} s`, "-", "-"],
    testsRow(),
    [
      "plan, peak memory (max RSS)",
      peakRss === null ? "unknown (no GNU time)" : `${peakRss.toFixed(0)} MB`,
      "-",
      "-",
    ],
    ["plan in process, runs 1..3", inProcess.map((s) => `${s.toFixed(2)} s`).join(", "), "-", "-"],
    ...evaluations.map((e) => [
      `policy evaluation, ${e.size.toLocaleString("en")} resources (${e.findings} findings)`,
      `wall ${e.medianMs.toFixed(1)} ms = ${e.usPerResource.toFixed(1)} µs/res; CPU ${e.cpuUsPerResource.toFixed(1)} µs/res`,
      `<= ${TARGETS.microsecondsPerResource} µs/resource`,
      e.usPerResource <= TARGETS.microsecondsPerResource
        ? "PASS"
        : e.cpuUsPerResource <= TARGETS.microsecondsPerResource
          ? "CPU only"
          : "FAIL",
    ]),
    [
      "growth t(10k)/t(1k), wall",
      ratio.toFixed(2),
      `<= ${TARGETS.growthRatio}`,
      verdict(ratio <= TARGETS.growthRatio),
    ],
    [
      "growth t(10k)/t(1k), CPU",
      cpuRatio.toFixed(2),
      `<= ${TARGETS.growthRatio}`,
      verdict(cpuRatio <= TARGETS.growthRatio),
    ],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`;
  const table = [
    line(rows[0]),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.slice(1).map(line),
  ].join("\n");
  process.stdout.write(`${table}\n`);
  process.stdout.write(
    `issue 12: plan ratio ${plan.ratio.toFixed(2)}x (target <= ${TARGETS.planRatio}x): ${verdict(planMet)}; ` +
      `npm test ${tests ? `${tests.seconds.toFixed(0)} s` : "not measured"} (target < ${TARGETS.testSeconds} s): ${tests ? verdict(testsMet) : "-"}\n`,
  );

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${results.date.slice(0, 19).replace(/:/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(`written ${path.relative(PROJECT_ROOT, file)}\n`);
  const failedPlans = [plan.firstPlan, ...plan.plans].filter((r) => r.exitCode !== 0);
  if (failedPlans.length > 0) {
    process.stderr.write(
      `bench: a plan run exited ${failedPlans.map((r) => r.exitCode).join(",")}; figures are of a failing plan\n`,
    );
    process.exitCode = 1;
  }
  if (runTests && tests && tests.exitCode !== 0) {
    process.stderr.write(`bench: npm test failed (exit ${tests.exitCode}); see bench/results/npm-test.log\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
