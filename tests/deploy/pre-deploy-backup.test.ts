// The pre-deploy backup with the real SDK client (@scaleway/sdk-rdb) against a fake Managed Database
// API on 127.0.0.1: a ready backup, a backup in error, refused and failing requests, a backup that
// is never ready, a status poll that hangs, an interrupt, missing credentials, and an API that echoes
// the secret key. Every failure is INFRA_007 and no output carries a credential.
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { takePreDeployBackup, type PreDeployBackupOptions } from "../../cli/deploy/backup/pre-deploy-backup";
import {
  BACKUP_ID,
  FakeRdbApi,
  RdbBehaviour,
  TEST_ACCESS_KEY,
  TEST_INSTANCE_ID,
  TEST_SECRET_KEY,
  startFakeRdbApi,
} from "./support/fake-rdb-api";

let api: FakeRdbApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function backupWith(
  behaviour: RdbBehaviour,
  overrides: Partial<PreDeployBackupOptions> = {},
): Promise<{ api: FakeRdbApi; run: Promise<Awaited<ReturnType<typeof takePreDeployBackup>>> }> {
  api = await startFakeRdbApi(behaviour);
  const run = takePreDeployBackup({
    target: { instanceId: TEST_INSTANCE_ID, region: "fr-par", databaseName: "platform" },
    deploymentId: "production-20261203T100000Z-abcdef",
    timeoutSeconds: 2,
    retentionDays: 7,
    env: api.env(),
    pollIntervalMs: 20,
    ...overrides,
  });
  return { api, run };
}

async function failureOf(promise: Promise<unknown>): Promise<InfraError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InfraError) return error;
    throw error;
  }
  throw new Error("expected the backup to fail");
}

function everything(error: InfraError): string {
  return `${error.message} ${JSON.stringify(error.toErrorResponse())}`;
}

describe("pre-deploy backup through @scaleway/sdk-rdb", () => {
  it("creates a backup of the named database and waits until it is ready", async () => {
    const { api: fake, run } = await backupWith("ready");
    const backup = await run;
    expect(backup.id).toBe(BACKUP_ID);
    const create = fake.requests[0];
    expect(create.method).toBe("POST");
    expect(create.path).toBe("/rdb/v1/regions/fr-par/backups");
    expect(create.authenticated).toBe(true);
    expect(create.body).toMatchObject({
      instance_id: TEST_INSTANCE_ID,
      database_name: "platform",
      name: "pre-deploy-production-20261203T100000Z-abcdef",
    });
    // expires_at is set retentionDays ahead.
    const expires = Date.parse(String(create.body?.expires_at));
    expect(expires - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(backup.expiresAt).toBe(new Date(expires).toISOString());
    // Two `creating` polls, then `ready`.
    expect(fake.requests.filter((r) => r.method === "GET").map((r) => r.path)).toEqual(
      Array(3).fill(`/rdb/v1/regions/fr-par/backups/${BACKUP_ID}`),
    );
  });

  it("fails with INFRA_007 when the backup ends in status error", async () => {
    const { run } = await backupWith("backup-error");
    const error = await failureOf(run);
    expect(error.code).toBe("INFRA_007");
    expect(error.message).toContain(`backup ${BACKUP_ID} ended in status "error", not "ready"`);
    expect(error.details).toMatchObject({ backup_id: BACKUP_ID, status: "error", step: "wait" });
  });

  it.each([
    ["forbidden", "HTTP 403: insufficient permissions"],
    ["server-error", "http error 500"],
  ] as const)("fails with INFRA_007 when the create request gets %s", async (behaviour, text) => {
    const { run } = await backupWith(behaviour);
    const error = await failureOf(run);
    expect(error.code).toBe("INFRA_007");
    expect(error.message).toContain("the create request failed");
    expect(error.message).toContain(text);
  });

  it("fails with INFRA_007 at the timeout when the backup never becomes ready", async () => {
    const started = Date.now();
    const { run } = await backupWith("never-ready", { timeoutSeconds: 0.5 });
    const error = await failureOf(run);
    expect(error.code).toBe("INFRA_007");
    expect(error.message).toContain("no ready backup within 0.5 s");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("fails with INFRA_007 at the timeout when a status poll hangs", async () => {
    const started = Date.now();
    const { run } = await backupWith("hang", { timeoutSeconds: 0.5 });
    const error = await failureOf(run);
    expect(error.code).toBe("INFRA_007");
    expect(error.message).toContain("no ready backup within 0.5 s");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("stops at once when the deployment is interrupted", async () => {
    const controller = new AbortController();
    const { run } = await backupWith("hang", { timeoutSeconds: 30, signal: controller.signal });
    setTimeout(() => controller.abort("SIGINT"), 100);
    const started = Date.now();
    const error = await failureOf(run);
    expect(error.message).toContain("interrupted (SIGINT)");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("names every missing credential, and never calls the API without them", async () => {
    const { api: fake, run } = await backupWith("ready", { env: { SCW_API_URL: "http://127.0.0.1:9" } });
    const error = await failureOf(run);
    expect(error.code).toBe("INFRA_007");
    expect(error.message).toContain("SCW_ACCESS_KEY is not set");
    expect(error.message).toContain("SCW_SECRET_KEY is not set");
    expect(error.message).toContain("SCW_DEFAULT_PROJECT_ID is not set");
    expect(fake.requests).toEqual([]);
  });

  it("refuses a malformed secret key without showing it (the SDK's own check would)", async () => {
    const malformed = "not-a-uuid-but-a-secret-value";
    const { api: fake, run } = await backupWith("ready", { env: {} });
    await failureOf(run);
    const second = takePreDeployBackup({
      target: { instanceId: TEST_INSTANCE_ID, region: "fr-par", databaseName: "platform" },
      deploymentId: "d",
      timeoutSeconds: 1,
      retentionDays: 1,
      env: { ...fake.env(), SCW_SECRET_KEY: malformed },
    });
    const error = await failureOf(second);
    expect(fake.requests).toEqual([]);
    expect(error.message).toContain("SCW_SECRET_KEY is not a secret key");
    expect(everything(error)).not.toContain(malformed);
  });

  it("never repeats a credential that the API echoes back", async () => {
    const { run } = await backupWith("echo-token");
    const error = await failureOf(run);
    expect(error.code).toBe("INFRA_007");
    expect(error.message).toContain("[redacted]");
    expect(everything(error)).not.toContain(TEST_SECRET_KEY);
    expect(everything(error)).not.toContain(TEST_ACCESS_KEY);
  });
});
