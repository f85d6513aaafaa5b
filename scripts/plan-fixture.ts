// The offline plan of an e2e fixture program (tests/e2e/fixtures/<name>/, its own Pulumi.yaml and
// index.js), for scripts/e2e.sh: runs the program under the same mocks and policy runner as
// `scw-infra plan` and prints the JSON report, so the e2e can compare the plan's rule IDs and URNs
// with the real engine's preview of the same program (issue 11 §9). `scw-infra plan` itself runs only
// this project's program, which is why fixture programs need this entry.
//
//   node -r ./cli/register-ts.js scripts/plan-fixture.ts <fixture-dir> <stack> [<waivers-file>]
//
// Exit codes as `scw-infra plan`: 0 compliant, 1 mandatory violations, 3 the program failed.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { evaluateCompliance } from "../cli/plan/evaluate";
import { runProgramUnderMocks } from "../cli/plan/run-program";
import { renderJson } from "../cli/report/json";
import { isEnvironmentName } from "@scaleway-infra/contracts/thresholds";

/**
 * The plain keys of the fixture's Pulumi.<stack>.yaml, as Pulumi hands config to a program (a string
 * per `namespace:key`, objects as JSON). Fixtures hold no `secure:` values.
 */
function stackConfig(dir: string, stack: string): Record<string, string> {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) return {};
  const doc = parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc?.config ?? {})) {
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return config;
}

async function planFixture(dir: string, stack: string, waiversFile: string | undefined): Promise<number> {
  const project = parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as {
    name: string;
    main?: string;
  };
  const main = path.resolve(dir, project.main ?? "index.js");
  const run = await runProgramUnderMocks(
    () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(main);
      return undefined;
    },
    { project: project.name, stack, config: stackConfig(dir, stack), sourceRoot: dir },
  );
  const { report, exitCode } = await evaluateCompliance({
    resources: run.resources,
    stack,
    environment: isEnvironmentName(stack) ? stack : "unknown",
    source: "plan",
    configValidated: false,
    strict: false,
    cwd: dir,
    ...(waiversFile ? { waiversFile: path.resolve(waiversFile) } : {}),
  });
  process.stdout.write(renderJson(report, exitCode));
  return exitCode;
}

const [dir, stack, waivers] = process.argv.slice(2);
if (!dir || !stack) {
  process.stderr.write("usage: plan-fixture.ts <fixture-dir> <stack> [<waivers-file>]\n");
  process.exitCode = 2;
} else {
  planFixture(path.resolve(dir), stack, waivers).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`plan-fixture: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}
