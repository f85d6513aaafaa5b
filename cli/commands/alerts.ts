// `scw-infra alerts --stack <name> [--config-file FILE] [--test]`: prints the rule groups the stack
// pushes to Cockpit, where they are evaluated and how soon each can fire; with --test, proves each
// alert with promtool: a case where it fires and cases where it stays silent, one line per alert.
// Exit 0 when every alert passes, 1 when one fails or has no case or there is no alert, 2 for invalid
// input, 3 otherwise.
import { resolve } from "node:path";

import { performance } from "node:perf_hooks";
import {
  contactEmailsOf,
  ruleFileYaml,
  ruleGroupsOf,
  type RuleGroup,
} from "../../components/alerting/rule-groups";
import { preconfiguredAlertsFor } from "../../components/alerting/preconfigured-alerts";
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import { assertStackName } from "@scaleway-infra/contracts/config/stack-name";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import type { StackContracts } from "@scaleway-infra/contracts/documents/types";
import { EXIT_CODES, InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { escapeInvisible } from "@scaleway-infra/contracts/errors/shown-value";
import {
  COCKPIT_EVALUATION_INTERVAL,
  PUBLISHED_METRICS,
  RDB_METRICS_REFRESH,
} from "@scaleway-infra/contracts/scaleway/facts/cockpit";
import { selectorsOf } from "@scaleway-infra/contracts/detectors/promql-selectors";
import { argumentsMessage, parseCommandLine } from "../args-error";
import { casesOfGroups, type SeriesContext } from "../alerts/rule-cases";
import { PROMTOOL_ENV, locatePromtool, runRuleTests, type AlertResult } from "../alerts/promtool";
import { reportError, type CliIo } from "../io";

const USAGE = `Usage: scw-infra alerts --stack <name> [--config-file FILE] [--test]

Prints the alerting rule groups of the stack, as pushed to the ruler of the project's Scaleway
metrics data source. With --test, runs promtool unit tests: for every alert a case where it fires
and cases where it stays silent (promtool from $${PROMTOOL_ENV}, else from PATH).
  -s, --stack NAME     the stack: reads Pulumi.<NAME>.yaml in the working directory
  --config-file FILE   use FILE instead of Pulumi.<stack>.yaml
  --test               run the promtool cases; one line per alert

Exit codes: 0 every alert proven, 1 an alert failed or has no case, or the stack has no alert,
2 invalid input, 3 other failure.`;

interface AlertsArgs {
  stack: string;
  configFile?: string;
  test: boolean;
}

function usageError(message: string, fix: string): InfraError {
  return new InfraError("INFRA_001", message, { details: { usage: USAGE, fix } });
}

function parse(argv: string[]): AlertsArgs {
  let parsed;
  try {
    parsed = parseCommandLine({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        stack: { type: "string", short: "s" },
        "config-file": { type: "string" },
        test: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw usageError(argumentsMessage(error), "See `scw-infra alerts --help`.");
  }
  const { values } = parsed;
  if (values.stack === undefined || values.stack === "") {
    throw usageError("alerts needs --stack <name>.", "Example: scw-infra alerts --stack staging --test");
  }
  return {
    // A stack name, not a path: it becomes Pulumi.<stack>.yaml (INFRA_001, never a file looked for).
    stack: assertStackName(values.stack),
    ...(values["config-file"] === undefined ? {} : { configFile: values["config-file"] }),
    test: values.test ?? false,
  };
}

function load(args: AlertsArgs, cwd: string): StackContracts {
  const shownAs = args.configFile ?? `Pulumi.${args.stack}.yaml`;
  return validateStack(readStackFile(resolve(cwd, shownAs), { shownAs, stack: args.stack }));
}

function seriesContext(contracts: StackContracts): SeriesContext {
  const env = contracts.environment.name;
  return {
    region: contracts.environment.scaleway.region,
    projectId: contracts.environment.scaleway.project_id,
    resourceNames: [...contracts.containers.map((c) => `${env}-${c.name}`), contracts.database.name],
  };
}

function secondsOf(duration: string): number {
  return Number(/^(\d+)s$/.exec(duration)?.[1] ?? "0");
}

/** When a rule can fire at the earliest, honestly: interval, `for`, and how fresh its data is. */
function timingNote(group: RuleGroup, rule: RuleGroup["rules"][number]): string {
  const interval = secondsOf(group.interval);
  const forSeconds = secondsOf(rule.for);
  const earliest = Math.max(interval, Math.ceil(forSeconds / interval) * interval);
  const readsDatabase = selectorsOf(rule.expr).some(
    (s) => s.metric !== undefined && PUBLISHED_METRICS.get(s.metric)?.product === "rdb-postgresql",
  );
  const freshness = readsDatabase
    ? `, plus up to ${RDB_METRICS_REFRESH.value.seconds}s for the database's metrics to refresh (${RDB_METRICS_REFRESH.id})`
    : "";
  return `# ${rule.alert}: fires ${earliest}s at the earliest after its condition first holds at an evaluation (every ${interval}s, for ${forSeconds}s)${freshness}.`;
}

function describeGroups(contracts: StackContracts, groups: readonly RuleGroup[]): string {
  const env = contracts.environment.name;
  const preconfigured = preconfiguredAlertsFor(["rdb-postgresql"]).map((a) => a.name);
  const lines = [
    `# Stack ${env}: ${groups.reduce((n, g) => n + g.rules.length, 0)} alert(s) in ${groups.length} rule group(s),`,
    `# pushed to the ruler of the project's Scaleway metrics data source in ${contracts.environment.scaleway.region} (namespace scaleway-infra-${env}).`,
    `# Groups are evaluated every interval, never below ${COCKPIT_EVALUATION_INTERVAL.value.shortestDocumentedSeconds}s (${COCKPIT_EVALUATION_INTERVAL.id}).`,
    `# Preconfigured alerts enabled on the alert manager: ${preconfigured.join(", ")}; none exist for Serverless Containers.`,
    `# Contact points: ${contactEmailsOf(contracts.alerts).join(", ") || "none"}.`,
    ...groups.flatMap((g) => g.rules.map((r) => timingNote(g, r))),
  ];
  return printable(`${lines.join("\n")}\n${ruleFileYaml(groups)}`);
}

/**
 * What the command prints, line by line, with every character a reader cannot see escaped: names are
 * slugs and queries are checked, but a message template or promtool's words may still carry a
 * control or bidi character, which must neither forge a line nor rewrite the terminal.
 */
function printable(text: string): string {
  return text.split("\n").map(escapeInvisible).join("\n");
}

function resultLine(result: AlertResult, width: number): string {
  const cases = result.results.map((r) => `${r.case.kind} ${r.passed ? "ok" : "FAILED"}`).join("  ");
  const verdict = result.passed ? "PASS" : "FAIL";
  return `${verdict}  ${result.alert.padEnd(width)}  ${cases || "no case"}${result.problem ? `  (${result.problem})` : ""}`;
}

function testAlerts(contracts: StackContracts, groups: readonly RuleGroup[], io: CliIo): number {
  if (groups.every((g) => g.rules.length === 0)) {
    // Nothing proven is not a pass: a violation (exit 1), as an alert without a case is, and as the
    // plan of this stack reports it (OPS-4: no container and no database is watched).
    io.stdout(
      `0 alert(s): scaleway-infra:alerts of stack ${contracts.environment.name} is empty, so nothing was proven; ` +
        "every container and the database must be watched by an alert (OPS-4).\n",
    );
    io.stdout("Result: FAIL\n");
    return EXIT_CODES.policyViolations;
  }
  const located = locatePromtool(io.env, io.cwd);
  if (!("path" in located)) {
    throw new InfraError("INFRA_004", located.problem, { details: { fix: located.fix } });
  }
  const promtool = located.path;
  const started = performance.now();
  const cases = casesOfGroups(groups, seriesContext(contracts));
  const results = runRuleTests(promtool, groups, cases);
  const width = Math.max(...results.map((r) => r.alert.length));
  for (const result of results) {
    io.stdout(printable(resultLine(result, width)) + "\n");
    for (const failed of result.results.filter((r) => !r.passed)) {
      io.stdout(printable(`      ${failed.case.kind} (${failed.case.why}): ${failed.detail ?? ""}`) + "\n");
    }
  }
  const total = results.reduce((n, r) => n + r.results.length, 0);
  const passedCases = results.reduce((n, r) => n + r.results.filter((c) => c.passed).length, 0);
  const failed = results.filter((r) => !r.passed).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout(
    `${results.length} alert(s), ${total} promtool case(s): ${passedCases} passed; ${failed} alert(s) failed (${seconds} s)\n`,
  );
  io.stdout(`Result: ${failed === 0 ? "PASS" : "FAIL"}\n`);
  return failed === 0 ? EXIT_CODES.success : EXIT_CODES.policyViolations;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(USAGE + "\n");
    return EXIT_CODES.success;
  }
  try {
    const args = parse(argv);
    const contracts = load(args, io.cwd);
    const groups = ruleGroupsOf(contracts.alerts, contracts.environment.name);
    if (!args.test) {
      io.stdout(describeGroups(contracts, groups));
      return EXIT_CODES.success;
    }
    return testAlerts(contracts, groups, io);
  } catch (error) {
    return reportError(error, io, undefined);
  }
}
