// `npm run bench`: the whole-process time and peak memory of `scw-infra plan --stack production`
// (median of 5 runs), the offline plan run in process (first and later runs), and the policy pack's
// evaluation alone on synthetic stacks of 100, 1,000 and 10,000 resources (µs per resource, and the
// growth ratio t(10k)/t(1k)). Prints a table and writes bench/results/<date>.json. Figures are what
// they are: the machine's load average is recorded beside them.
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

const TARGETS = { planSeconds: 3, growthRatio: 12, microsecondsPerResource: 50 };
const PLAN_RUNS = 5;
const SIZES = [100, 1000, 10000];

// A full collection before each timed run, so one run does not pay for the garbage of the previous
// one (the run's own garbage is still collected, and counted, during the run).
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as (() => void) | undefined;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface ProcessRun {
  seconds: number;
  maxRssMb: number | null;
  exitCode: number;
}

const GNU_TIME = "/usr/bin/time";

/**
 * One `scw-infra plan` in a fresh process, timed by GNU time when installed (wall clock and maximum
 * resident set); without it, timed here and the memory is reported as unknown (null).
 */
function planProcess(): ProcessRun {
  const plan = [
    process.execPath,
    "cli/scw-infra.js",
    "plan",
    "--stack",
    "production",
    "--format",
    "json",
    "--output",
    os.devNull,
  ];
  const [command, ...args] = fs.existsSync(GNU_TIME) ? [GNU_TIME, "-v", ...plan] : plan;
  const started = performance.now();
  const child = spawnSync(command, args, {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  const seconds = (performance.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr ?? "");
  return { seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : null, exitCode: child.status ?? -1 };
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
  const load = os.loadavg();
  process.stderr.write(
    `bench: ${os.cpus().length} CPUs, load average ${load.map((l) => l.toFixed(2)).join(" ")}\n`,
  );

  const planRuns: ProcessRun[] = [];
  for (let i = 0; i < PLAN_RUNS; i++) {
    planRuns.push(planProcess());
    process.stderr.write(`bench: plan run ${i + 1}/${PLAN_RUNS}: ${planRuns[i].seconds.toFixed(2)} s\n`);
  }
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
  const planMedian = median(planRuns.map((r) => r.seconds));
  const rssValues = planRuns.map((r) => r.maxRssMb).filter((m): m is number => m !== null);
  const peakRss = rssValues.length > 0 ? Math.max(...rssValues) : null;

  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      loadAverage: load,
      node: process.version,
    },
    plan: {
      command: "scw-infra plan --stack production --format json --output /dev/null",
      runs: planRuns,
      medianSeconds: planMedian,
      peakRssMb: peakRss,
      inProcessSeconds: inProcess,
      target: { seconds: TARGETS.planSeconds, met: planMedian <= TARGETS.planSeconds },
    },
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

  const rows = [
    ["measure", "value", "target", "met"],
    [
      `plan --stack production, median of ${PLAN_RUNS} processes`,
      `${planMedian.toFixed(2)} s`,
      `<= ${TARGETS.planSeconds} s`,
      planMedian <= TARGETS.planSeconds ? "yes" : "NO",
    ],
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
        ? "yes"
        : e.cpuUsPerResource <= TARGETS.microsecondsPerResource
          ? "CPU only"
          : "NO",
    ]),
    [
      "growth t(10k)/t(1k), wall",
      ratio.toFixed(2),
      `<= ${TARGETS.growthRatio}`,
      ratio <= TARGETS.growthRatio ? "yes" : "NO",
    ],
    [
      "growth t(10k)/t(1k), CPU",
      cpuRatio.toFixed(2),
      `<= ${TARGETS.growthRatio}`,
      cpuRatio <= TARGETS.growthRatio ? "yes" : "NO",
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

  const dir = path.join(PROJECT_ROOT, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${results.date.slice(0, 19).replace(/:/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(`written ${path.relative(PROJECT_ROOT, file)}\n`);
  if (planRuns.some((r) => r.exitCode !== 0)) {
    process.stderr.write(
      `bench: a plan run exited ${planRuns.map((r) => r.exitCode).join(",")}; figures are of a failing plan\n`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
