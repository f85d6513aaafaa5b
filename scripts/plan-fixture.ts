// The offline plan of an e2e fixture program (tests/e2e/fixtures/<name>/, its own Pulumi.yaml and
// index.js or index.ts), for scripts/e2e.sh: runs the program under the same mocks and policy runner as
// `scw-infra plan` and prints the JSON report, so the e2e can compare the plan's rule IDs and URNs
// with the real engine's preview of the same program (issue 11 §9). `scw-infra plan` itself runs only
// this project's program, which is why fixture programs need this entry.
//
//   node -r ./cli/register-ts.js scripts/plan-fixture.ts <fixture-dir> <stack> [<waivers-file>]
//        [--config-json <file>]
//
// The program's config is the fixture's Pulumi.<stack>.yaml, or, with --config-json, the output of
// `pulumi config --json --show-secrets` (the e2e writes it with the fixture's --config-file): that is
// how a fixture with `secure:` values, which only the engine can decrypt, gets the same values, and
// the same secrets, as under the engine.
//
// Exit codes as `scw-infra plan`: 0 compliant, 1 mandatory violations, 3 the program failed.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { evaluateCompliance } from "../cli/plan/evaluate";
import { runProgramUnderMocks } from "../cli/plan/run-program";
import { renderJson } from "../cli/report/json";
import { isEnvironmentName } from "@scaleway-infra/contracts/thresholds";

interface ProgramConfig {
  /** `namespace:key` -> the string Pulumi hands the program (objects as JSON). */
  values: Record<string, string>;
  secretKeys: string[];
}

/**
 * The plain keys of the fixture's Pulumi.<stack>.yaml, as Pulumi hands config to a program (a string
 * per `namespace:key`, objects as JSON). A `secure:` value cannot be decrypted here: use --config-json.
 */
function stackConfig(dir: string, stack: string): ProgramConfig {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) return { values: {}, secretKeys: [] };
  const doc = parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc?.config ?? {})) {
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { values, secretKeys: [] };
}

/** The config of `pulumi config --json --show-secrets`: `{ "<ns:key>": { value, secret } }`. */
function shownConfig(file: string): ProgramConfig {
  const shown = JSON.parse(fs.readFileSync(file, "utf8")) as Record<
    string,
    { value?: string; objectValue?: unknown; secret?: boolean }
  >;
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, entry] of Object.entries(shown)) {
    values[key] = entry.value ?? JSON.stringify(entry.objectValue);
    if (entry.secret) secretKeys.push(key);
  }
  return { values, secretKeys };
}

async function planFixture(
  dir: string,
  stack: string,
  waiversFile: string | undefined,
  configJson: string | undefined,
): Promise<number> {
  const project = parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as {
    name: string;
    main?: string;
  };
  const main = path.resolve(dir, project.main ?? "index.js");
  const config = configJson ? shownConfig(configJson) : stackConfig(dir, stack);
  const run = await runProgramUnderMocks(
    () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(main);
      return undefined;
    },
    {
      project: project.name,
      stack,
      config: config.values,
      secretConfigKeys: config.secretKeys,
      sourceRoot: dir,
    },
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

const args = process.argv.slice(2);
const configFlag = args.indexOf("--config-json");
const configJson = configFlag >= 0 ? args.splice(configFlag, 2)[1] : undefined;
const [dir, stack, waivers] = args;
if (!dir || !stack || (configFlag >= 0 && !configJson)) {
  process.stderr.write(
    "usage: plan-fixture.ts <fixture-dir> <stack> [<waivers-file>] [--config-json <file>]\n",
  );
  process.exitCode = 2;
} else {
  planFixture(path.resolve(dir), stack, waivers, configJson && path.resolve(configJson)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`plan-fixture: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}
