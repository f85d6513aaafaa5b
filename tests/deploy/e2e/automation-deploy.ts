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
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { AutomationEngine } from "../../../lib/deploy/engine/automation-engine";
import { CONTAINERS_CONFIG_KEY, DEPLOYMENT_CONFIG_KEY } from "../../../lib/deploy/release-config";
import { checkDeploymentRequest } from "../../../lib/deploy/request";
import { runDeployment } from "../../../lib/deploy/workflow";
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
    PATH: `${bin}:${path.join(ROOT, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
    PULUMI_HOME: path.join(work, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "scw-infra-deploy-e2e",
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
  } catch (error) {
    fail(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await servers.close();
    if (process.env.SCW_INFRA_E2E_KEEP !== "1") rmSync(work, { recursive: true, force: true });
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
