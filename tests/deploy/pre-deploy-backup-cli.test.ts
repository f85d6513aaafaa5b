// The pre-deploy backup as a user meets it through `scw-infra deploy` (issue 14 §3, issue 11 §6
// INFRA_007): a production release of a service that uses the database takes a backup through the
// real SDK client, against a fake Managed Database API on 127.0.0.1, before anything is applied.
// A failed, refused or timed-out backup stops the deployment with INFRA_007 (exit 3), nothing
// applied; a ready one goes into rollback_info; a dry run only says it would take one; staging and
// services without a database take none.
import { ContainerServers, startContainerServers } from "./support/container-servers";
import { runDeployCli } from "./support/cli";
import {
  DIGEST,
  PREVIOUS_VERSION,
  deployedTags,
  deploymentRequest,
  memoryEngine,
  tempDir,
  writeRequest,
} from "./support/fixtures";
import {
  BACKUP_ID,
  FakeRdbApi,
  RdbBehaviour,
  TEST_SECRET_KEY,
  startFakeRdbApi,
} from "./support/fake-rdb-api";
import { responseSchemaErrors } from "./support/response-schema";

let servers: ContainerServers;
let api: FakeRdbApi | undefined;
beforeAll(async () => {
  servers = await startContainerServers();
});
afterAll(async () => {
  await servers.close();
});
afterEach(async () => {
  await api?.close();
  api = undefined;
});

interface Response {
  status: string;
  rollback_info: { available: boolean; previous_version?: string; backup_id?: string };
  errors?: string[];
}

const release = `2.0.0@${DIGEST}`;

async function deployProduction(
  behaviour: RdbBehaviour,
  args: string[] = [],
  env: (fake: FakeRdbApi) => NodeJS.ProcessEnv = (fake) => fake.env(),
) {
  api = await startFakeRdbApi(behaviour);
  const dir = tempDir();
  const engine = memoryEngine({ servers, environment: "production" });
  const request = deploymentRequest({ environment: "production", version: release });
  const run = await runDeployCli(["--request", writeRequest(dir, request), ...args], dir, engine, env(api));
  return { run, engine, api };
}

describe("scw-infra deploy: the pre-deploy backup of production", () => {
  it("takes a backup before applying anything and puts its ID in rollback_info", async () => {
    const { run, engine, api: fake } = await deployProduction("ready");
    expect(run.code).toBe(0);
    const response = JSON.parse(run.stdout) as Response;
    expect(responseSchemaErrors(response)).toEqual([]);
    expect(response.rollback_info).toEqual({
      available: true,
      previous_version: PREVIOUS_VERSION,
      backup_id: BACKUP_ID,
    });
    expect(fake.requests[0]).toMatchObject({
      method: "POST",
      path: "/rdb/v1/regions/fr-par/backups",
      authenticated: true,
    });
    // The backup was ready before the first up.
    const backupLine = run.stderr.indexOf(`backup: backup ${BACKUP_ID} ready`);
    const firstUp = run.stderr.indexOf("] up: ");
    expect(backupLine).toBeGreaterThan(0);
    expect(firstUp).toBeGreaterThan(backupLine);
    expect(deployedTags(engine)).toEqual({ documentation: "2.0.0", runners: "2.0.0" });
  });

  it.each([
    ["the backup ends in status error", "backup-error", 'ended in status "error"'],
    ["the API refuses the create call (403)", "forbidden", "HTTP 403"],
    ["the API fails (500)", "server-error", "http error 500"],
    ["the status poll hangs past SCW_INFRA_BACKUP_TIMEOUT", "hang", "no ready backup within 1 s"],
  ] as const)("stops with INFRA_007, exit 3, nothing applied, when %s", async (_label, behaviour, text) => {
    const { run, engine } = await deployProduction(behaviour, [], (fake) => ({
      ...fake.env(),
      SCW_INFRA_BACKUP_TIMEOUT: "1",
    }));
    expect(run.code).toBe(3);
    const response = JSON.parse(run.stdout) as Response;
    expect(responseSchemaErrors(response)).toEqual([]);
    expect(response.status).toBe("failed");
    expect(response.errors?.[0]).toMatch(/^INFRA_007: Pre-deploy backup of database platform/);
    expect(response.errors?.[0]).toContain(text);
    expect(run.stderr).toContain("INFRA_007 Backup failed:");
    expect(engine.calls).not.toContain("up");
    expect(deployedTags(engine)).toEqual({ documentation: PREVIOUS_VERSION, runners: PREVIOUS_VERSION });
    expect(`${run.stdout}${run.stderr}`).not.toContain(TEST_SECRET_KEY);
  });

  it("stops with INFRA_007 naming the missing credentials, and never shows a secret", async () => {
    const {
      run,
      engine,
      api: fake,
    } = await deployProduction("ready", [], (f) => ({
      SCW_API_URL: f.url,
      SCW_ACCESS_KEY: "SCWXXXXXXXXXXXXXXXXX",
    }));
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("SCW_SECRET_KEY is not set");
    expect(run.stderr).toContain("SCW_DEFAULT_PROJECT_ID is not set");
    expect(fake.requests).toEqual([]);
    expect(engine.calls).not.toContain("up");
  });

  it("refuses a malformed SCW_INFRA_BACKUP_TIMEOUT as INFRA_001, exit 2, before anything", async () => {
    const { run, engine } = await deployProduction("ready", [], (fake) => ({
      ...fake.env(),
      SCW_INFRA_BACKUP_TIMEOUT: "forever",
    }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("SCW_INFRA_BACKUP_TIMEOUT must be a whole number of seconds");
    expect(run.engineOpened).toBe(false);
    expect(engine.calls).toEqual([]);
  });

  it("takes no backup in a dry run, and says it would", async () => {
    const { run, api: fake } = await deployProduction("ready", ["--dry-run"]);
    expect(run.code).toBe(0);
    expect(fake.requests).toEqual([]);
    expect(run.stderr).toMatch(
      /backup: dry run: would take an on-demand backup of database platform on instance 0f0e0d0c-0b0a-4909-8807-060504030201 \(fr-par\) before changing documentation, runners; none taken/,
    );
    expect((JSON.parse(run.stdout) as Response).rollback_info.backup_id).toBeUndefined();
  });

  it("takes no backup when no changed service uses the database", async () => {
    api = await startFakeRdbApi("ready");
    const dir = tempDir();
    const engine = memoryEngine({ servers, environment: "production" });
    for (const spec of engine.config["scaleway-infra:containers"] as Array<{
      environment_variables?: unknown;
    }>)
      delete spec.environment_variables;
    const request = deploymentRequest({ environment: "production", version: release });
    const run = await runDeployCli(["--request", writeRequest(dir, request)], dir, engine, api.env());
    expect(run.code).toBe(0);
    expect(api.requests).toEqual([]);
    expect(run.stderr).toContain("no changed service uses the database: no backup needed");
  });

  it("takes no backup in staging", async () => {
    api = await startFakeRdbApi("ready");
    const dir = tempDir();
    const run = await runDeployCli(
      ["--request", writeRequest(dir, deploymentRequest())],
      dir,
      memoryEngine({ servers }),
      api.env(),
    );
    expect(run.code).toBe(0);
    expect(api.requests).toEqual([]);
  });
});
