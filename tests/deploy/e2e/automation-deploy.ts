// The deployment workflow on the real Pulumi engine: the Automation API engine drives `pulumi`
// (built by scripts/pulumi-toolchain.sh) on a stand-in program with a file:// backend, and real
// HTTP servers on 127.0.0.1 stand in for the containers. Not a jest test (it needs the toolchain,
// which .ci/run builds after `npm test`): run it with
//   node cli/run-ts.js tests/deploy/e2e/automation-deploy.ts
// It prints PASS/FAIL/SKIPPED lines like scripts/e2e.sh and exits 1 when a check fails.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { runDeploy } from "../../../cli/commands/deploy";
import { AutomationEngine } from "../../../cli/deploy/engine/automation-engine";
import { CONTAINERS_CONFIG_KEY, DEPLOYMENT_CONFIG_KEY } from "../../../cli/deploy/release-config";
import { checkDeploymentRequest } from "../../../cli/deploy/request";
import { runDeployment } from "../../../cli/deploy/workflow";
import { startContainerServers } from "../support/container-servers";
import { containerSpec, deploymentRequest } from "../support/fixtures";

const ROOT = path.resolve(__dirname, "..", "..", "..");
let failed = 0;
const pass = (what: string): void => console.log(`PASS: ${what}`);
const fail = (what: string): void => {
  failed += 1;
  console.log(`FAIL: ${what}`);
};
const check = (ok: boolean, what: string, detail = ""): void =>
  ok ? pass(what) : fail(`${what}${detail ? `: ${detail}` : ""}`);

function toolchainBin(): string | undefined {
  if (process.env.TOOLCHAIN_BIN) return process.env.TOOLCHAIN_BIN;
  const cache =
    process.env.SCW_INFRA_TOOLCHAIN_CACHE ?? path.join(homedir(), ".cache", "scaleway-infra", "toolchain");
  if (!existsSync(cache)) return undefined;
  for (const dir of readdirSync(cache)) {
    const bin = path.join(cache, dir, "bin");
    if (existsSync(path.join(bin, "pulumi")) && existsSync(path.join(bin, "pulumi-language-nodejs")))
      return bin;
  }
  return undefined;
}

async function main(): Promise<void> {
  const bin = toolchainBin();
  if (!bin) {
    console.log(
      "SKIPPED: no Pulumi toolchain (pulumi + pulumi-language-nodejs); run scripts/pulumi-toolchain.sh",
    );
    return;
  }
  const work = mkdtempSync(path.join(tmpdir(), "scw-infra-deploy-e2e-"));
  const program = path.join(work, "program");
  const pack = path.join(work, "pack");
  cpSync(path.join(__dirname, "program"), program, { recursive: true });
  cpSync(path.join(__dirname, "pack"), pack, { recursive: true });
  // The program and the pack run with the repository's node_modules.
  symlinkSync(path.join(ROOT, "node_modules"), path.join(program, "node_modules"));
  symlinkSync(path.join(ROOT, "node_modules"), path.join(pack, "node_modules"));
  Object.assign(process.env, {
    // pulumi-resource-pulumi-nodejs (dynamic providers) ships in @pulumi/pulumi.
    PATH: [
      bin,
      path.join(ROOT, "node_modules", "@pulumi", "pulumi"),
      path.join(ROOT, "node_modules", ".bin"),
      process.env.PATH ?? "",
    ].join(":"),
    PULUMI_HOME: path.join(work, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
    // The passphrase of the shipped stack files' secure: values (as in scripts/e2e.sh).
    PULUMI_CONFIG_PASSPHRASE: process.env.SCW_INFRA_E2E_PASSPHRASE ?? "scaleway-infra-example",
    PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
    // Fake Scaleway credentials in valid formats; any stray API call fails fast on loopback.
    SCW_ACCESS_KEY: "SCWE2EFAKE00000000A",
    SCW_SECRET_KEY: "11111111-2222-4333-8444-555555555555",
    SCW_DEFAULT_PROJECT_ID: "22222222-3333-4444-8555-666666666666",
    SCW_DEFAULT_ORGANIZATION_ID: "33333333-4444-4555-8666-777777777777",
    SCW_DEFAULT_REGION: "fr-par",
    SCW_DEFAULT_ZONE: "fr-par-1",
    SCW_API_URL: "http://127.0.0.1:9",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    NO_COLOR: "1",
  });
  mkdirSync(path.join(work, "state"), { recursive: true });
  const servers = await startContainerServers();
  try {
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: "staging", workDir: program });
    await stack.setConfig("e2e:urls", { value: "{}" });
    const engine = await AutomationEngine.open({ workDir: program, stackName: "staging" });
    await engine.setConfig("e2e:urls", { default: servers.url("healthy"), "3.0.0": servers.url("failing") });
    await engine.setConfig(CONTAINERS_CONFIG_KEY, [containerSpec("documentation"), containerSpec("runners")]);
    const stackFile = path.join(program, "Pulumi.staging.yaml");
    const written = readFileSync(stackFile, "utf8");
    check(
      /scaleway-infra:containers:\n\s+- environment: staging\n/.test(written) &&
        !/scaleway-infra:containers: ['"]?\[/.test(written),
      "structured config is written as YAML, not a JSON string",
    );
    check(
      (await engine.getConfig(CONTAINERS_CONFIG_KEY)) instanceof Array,
      "structured config reads back as a list",
    );
    await engine.up({ policyPacks: [pack], message: "initial deployment" });
    pass("initial pulumi up with the policy pack");

    const options = {
      engine,
      dryRun: false,
      stateDir: path.join(work, ".scw-infra"),
      policyPacks: [pack],
      env: {},
      stderr: (t: string) => process.stderr.write(t),
    };
    const rolling = await runDeployment({
      ...options,
      plan: checkDeploymentRequest(deploymentRequest({ version: "2.0.0" })),
    });
    check(
      rolling.response.status === "completed",
      "rolling 2.0.0 completes on the real engine",
      JSON.stringify(rolling.response),
    );
    const containers = (await engine.getConfig(CONTAINERS_CONFIG_KEY)) as Array<{ image: string }>;
    check(
      containers.every((c) => c.image.endsWith(":2.0.0")),
      "the release image is in the stack config",
    );
    check(
      rolling.response.rollback_info.previous_version === "1.0.0",
      "previous version read from pulumi stack history",
    );

    const before = readFileSync(stackFile, "utf8");
    const dry = await runDeployment({
      ...options,
      dryRun: true,
      plan: checkDeploymentRequest(deploymentRequest({ version: "2.1.0", strategy: "blue_green" })),
    });
    check(
      dry.response.status === "completed" && readFileSync(stackFile, "utf8") === before,
      "dry run previews only and leaves Pulumi.staging.yaml byte for byte",
    );

    const broken = await runDeployment({
      ...options,
      plan: checkDeploymentRequest(deploymentRequest({ version: "3.0.0", strategy: "blue_green" })),
    });
    check(
      broken.response.status === "rolled_back" && broken.error?.code === "INFRA_006",
      "blue_green to a failing 3.0.0 is rolled back with INFRA_006",
      JSON.stringify(broken.response),
    );
    const outputs = (await engine.outputs()).containerUrls as Record<string, string>;
    check(
      Object.keys(outputs).sort().join(",") === "documentation,runners",
      "no green copy is left in the stack outputs",
      Object.keys(outputs).join(","),
    );
    check(
      (await engine.getConfig(DEPLOYMENT_CONFIG_KEY)) === undefined,
      "scaleway-infra:deployment is removed after the failure",
    );
    const after = (await engine.getConfig(CONTAINERS_CONFIG_KEY)) as Array<{ image: string }>;
    check(
      after.every((c) => c.image.endsWith(":2.0.0")),
      "the services stay on 2.0.0, the version before the failed release",
    );
    const history = await engine.history();
    check(
      history.some((h) => h.message.includes("rollback to 2.0.0")),
      "the rollback is an update in pulumi stack history",
    );
    await realProgramDryRun(work, bin);
  } catch (error) {
    fail(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await servers.close();
    if (process.env.SCW_INFRA_E2E_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  }
}

/** A provider plugin binary: the real one from the toolchain, else the stand-in scripts/e2e.sh builds. */
function providerBinary(
  bin: string,
  name: string,
  version: string,
): { file: string; real: boolean } | undefined {
  const real = path.join(bin, `pulumi-resource-${name}`);
  if (existsSync(real)) return { file: real, real: true };
  // The stand-in built from today's source (scripts/e2e.sh names its folder by the same hash): an
  // older build left in the cache would answer as the old source did.
  const source = path.join(__dirname, "..", "..", "e2e", "stand-in-provider");
  const hash = createHash("sha256")
    .update(Buffer.concat(["main.go", "go.mod", "go.sum"].map((f) => readFileSync(path.join(source, f)))))
    .digest("hex")
    .slice(0, 12);
  const file = path.join(
    path.dirname(bin),
    `stand-in-${hash}`,
    `${name}-${version}`,
    `pulumi-resource-${name}`,
  );
  return existsSync(file) ? { file, real: false } : undefined;
}

/**
 * `scw-infra deploy --dry-run` on the real program and the real policy pack (policies/), staged in a
 * temporary directory, through the Automation API: the whole flow on previews only.
 */
async function realProgramDryRun(work: string, bin: string): Promise<void> {
  const providers = [
    ["scaleway", "1.54.0"],
    ["random", "4.21.2"],
  ].map(([name, version]) => ({ name, version, binary: providerBinary(bin, name, version) }));
  const missing = providers.filter((p) => !p.binary).map((p) => p.name);
  if (missing.length > 0 || !existsSync(path.join(ROOT, "node_modules", "@scaleway-infra", "contracts"))) {
    console.log(
      `SKIPPED: real-program dry run (no provider binary for ${missing.join(", ") || "-"}, or the workspaces are not installed; run npm ci at the root)`,
    );
    return;
  }
  for (const { name, version, binary } of providers) {
    const result = spawnSync(
      "pulumi",
      ["plugin", "install", "resource", name, version, "--file", binary?.file ?? ""],
      { encoding: "utf8" },
    );
    check(
      result.status === 0,
      `pulumi plugin install resource ${name} ${version}${binary?.real ? "" : " (stand-in, validates no input)"}`,
      result.stderr,
    );
  }
  const project = path.join(work, "project");
  const excluded = new Set([
    "node_modules",
    ".git",
    "policies",
    "tests",
    "bench",
    "coverage",
    "dist",
    ".scw-infra",
  ]);
  cpSync(ROOT, project, {
    recursive: true,
    filter: (source) => !excluded.has(path.relative(ROOT, source).split(path.sep)[0]),
  });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"));
  await LocalWorkspace.createStack({ stackName: "staging", workDir: project });
  const stackFile = path.join(project, "Pulumi.staging.yaml");
  const before = readFileSync(stackFile, "utf8");
  // Its own .scw-infra, so the log checks below read this run's log only.
  const dryRunDir = path.join(work, "dry-run");
  mkdirSync(dryRunDir);
  let stdout = "";
  let stderr = "";
  const code = await runDeploy(
    ["--request", path.join(ROOT, ".github", "deploy", "staging", "documentation.yaml"), "--dry-run"],
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      cwd: dryRunDir,
      env: process.env,
      isTty: false,
    },
    { projectDir: ROOT, openEngine: (stackName) => AutomationEngine.open({ workDir: project, stackName }) },
  );
  process.stderr.write(stderr);
  const response =
    code === 0 ? (JSON.parse(stdout) as { status: string; services: Array<{ status: string }> }) : undefined;
  check(
    code === 0 &&
      response?.status === "completed" &&
      response.services.every((s) => s.status === "previewed"),
    "scw-infra deploy --dry-run of the real program completes on previews",
    `exit ${code}\n${stdout}${stderr}`,
  );
  check(readFileSync(stackFile, "utf8") === before, "the real Pulumi.staging.yaml is left byte for byte");
  const logDir = path.join(dryRunDir, ".scw-infra", "deployments");
  const log = readdirSync(logDir)
    .map((f) => readFileSync(path.join(logDir, f), "utf8"))
    .join("");
  check(
    /scaleway-infra-policies@v[0-9.]+ \(local: [^)]*policies\)/.test(log),
    "the contract policy pack ran in Pulumi's analyzer during the dry run",
  );
  check(!/"step":"up"/.test(log), "no pulumi up ran");
  for (const strategy of ["blue_green", "canary"]) await copiesDryRun(project, strategy);
  await bootstrapPreview(project);
}

/** Creates counted by each preview step of a deployment log, by step label. */
function previewCreates(log: string): Map<string, number> {
  const creates = new Map<string, number>();
  for (const line of log.split("\n").filter((l) => l.includes('"step":"preview"'))) {
    const event = JSON.parse(line) as { message: string; changes?: Record<string, number> };
    creates.set(event.message.split(":")[0], event.changes?.create ?? 0);
  }
  return creates;
}

/**
 * A blue_green or canary `scw-infra deploy --dry-run` of the real program: each step previews the
 * program with `scaleway-infra:deployment` set, so index.ts reads it, the copies are built with their
 * domain bindings, and the contract policy pack passes on them in Pulumi's analyzer.
 */
async function copiesDryRun(project: string, strategy: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), `scw-infra-${strategy}-`));
  const request = path.join(dir, "request.yaml");
  const shipped = readFileSync(path.join(ROOT, ".github", "deploy", "staging", "documentation.yaml"), "utf8");
  writeFileSync(
    request,
    shipped.replace(/^strategy: .*$/m, `strategy: ${strategy}`) +
      (strategy === "canary" ? "canary: { observation_window: 60 }\n" : ""),
  );
  let stdout = "";
  let stderr = "";
  const code = await runDeploy(
    ["--request", request, "--dry-run"],
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: process.env, isTty: false },
    { projectDir: ROOT, openEngine: (stackName) => AutomationEngine.open({ workDir: project, stackName }) },
  );
  const response = code === 0 ? (JSON.parse(stdout) as { status: string }) : undefined;
  check(
    response?.status === "completed",
    `scw-infra deploy --dry-run ${strategy} of the real program completes: copies pass the policy pack`,
    `exit ${code}\n${stdout}${stderr.slice(-4000)}`,
  );
  const logDir = path.join(dir, ".scw-infra", "deployments");
  const log = existsSync(logDir)
    ? readdirSync(logDir)
        .map((f) => readFileSync(path.join(logDir, f), "utf8"))
        .join("")
    : "";
  const creates = previewCreates(log);
  const withCopy =
    strategy === "blue_green"
      ? "create the green twin with the release image"
      : "create the canary verification twins";
  const found = [...creates.keys()].find((label) => label.startsWith(withCopy));
  const counts = [...creates.values()];
  // The copy is one component and one container more than the preview without copies.
  check(
    found !== undefined && (creates.get(found) ?? 0) === Math.min(...counts) + 2,
    `the ${strategy} preview creates documentation's copy (component + container)`,
    JSON.stringify([...creates]),
  );
}

/** The bootstrap project previews on the real engine and logs its pulumi login lines. */
async function bootstrapPreview(project: string): Promise<void> {
  const stack = await LocalWorkspace.createStack({
    stackName: "bootstrap",
    workDir: path.join(project, "bootstrap"),
  });
  let output = "";
  try {
    const result = await stack.preview({ color: "never", onOutput: (text) => (output += text) });
    const created = result.changeSummary.create ?? 0;
    check(
      // The stack, 2 state buckets (component, bucket, ACL, SSE each) and, since the registry must
      // exist before the first `up`, 2 registry namespaces (component and namespace each).
      created === 13,
      "bootstrap previews 2 state buckets (bucket, ACL, SSE each) and 2 registry namespaces under their components",
      `${created} to create`,
    );
  } catch (error) {
    fail(
      `bootstrap preview: ${error instanceof Error ? error.message.slice(0, 3000) : String(error)}\n${output.slice(-3000)}`,
    );
  }
  for (const env of ["staging", "production"]) {
    const line = `pulumi login 's3://scaleway-infra-state-${env}?endpoint=s3.fr-par.scw.cloud&region=fr-par&s3ForcePathStyle=true'`;
    check(output.includes(line), `bootstrap prints ${line}`);
  }
}

main().then(
  () => {
    console.log(failed === 0 ? "deploy e2e: all checks passed" : `deploy e2e: ${failed} check(s) failed`);
    process.exitCode = failed === 0 ? 0 : 1;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
