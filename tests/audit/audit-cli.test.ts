// `scw-infra audit` end to end: the real SDK client against the fake Scaleway API on 127.0.0.1,
// judging a realistic project with the pack's policies, as `scan` judges the same resources in a
// state export.
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";
import type { FakeProject, Json } from "./support/fake-scaleway-api";
import {
  cloneProject,
  compliantProject,
  container,
  countResources,
  PROJECT_ID,
  SECRET_KEY,
  stateExportOf,
} from "./support/fake-project";
import { startAuditWorld, type AuditWorld } from "./support/audit-env";

interface JsonReport {
  summary: { resources: number; mandatoryViolations: number; advisoryViolations: number };
  rules: { ruleId: string; status: string }[];
  findings: { policy: string; ruleIds: string[]; status: string; message: string; urn?: string }[];
}

async function withWorld<T>(project: FakeProject, body: (world: AuditWorld) => Promise<T>): Promise<T> {
  const world = await startAuditWorld(project);
  try {
    return await body(world);
  } finally {
    await world.stop();
  }
}

async function audit(world: AuditWorld, ...extra: string[]) {
  return runCli(["audit", "--env", "production", "--format", "json", ...extra], {
    env: world.env,
    cwd: world.dir,
  });
}

function failingRules(report: JsonReport): string[] {
  return report.rules
    .filter((r) => r.status === "fail")
    .map((r) => r.ruleId)
    .sort();
}

/** The production project with one violation of each kind the pack checks on live resources. */
function nonCompliantProject(): FakeProject {
  const project = cloneProject(compliantProject());
  const par = project.regions["fr-par"];
  par.containers[0].min_scale = 1; // CTR-4
  par.containers[1].registry_image = "docker.io/library/nginx:latest"; // CTR-2
  delete par.containers[2].health_check; // CTR-5
  par.instances[0].is_ha_cluster = false; // DB-2
  (par.instances[1].backup_schedule as Json).retention = 7; // DB-3
  par.acls[String(par.instances[2].id)] = [
    {
      ip: "0.0.0.0/0",
      description: "everyone",
      port: 5432,
      protocol: "tcp",
      direction: "inbound",
      action: "allow",
    },
  ]; // DB-4
  project.rules[String(project.policies[0].id)] = [
    {
      id: "r-1",
      permission_set_names: ["AllProductsFullAccess"],
      permission_sets_scope_type: "projects",
      condition: "",
      project_ids: [PROJECT_ID],
    },
  ]; // SEC-5, SECU-3
  return project;
}

describe("scw-infra audit against a live project (fake Scaleway API on 127.0.0.1)", () => {
  it("reads every resource of a two-region project of about 200 resources, through paginated lists", async () => {
    const project = compliantProject();
    expect(countResources(project)).toBeGreaterThanOrEqual(180);
    await withWorld(project, async (world) => {
      const started = Date.now();
      const run = await audit(world);
      const elapsed = Date.now() - started;
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.summary.resources).toBe(countResources(project));
      // Lists longer than a page were read page by page (the fake's page size is 10).
      expect(world.api.requests.some((r) => r.query.page === "2")).toBe(true);
      expect(world.api.requests.every((r) => r.authorized && r.method === "GET")).toBe(true);
      console.log(
        `audit of ${report.summary.resources} live resources: ${world.api.requests.length} API requests, ${elapsed} ms`,
      );
    });
  });

  it("shows progress on a terminal and keeps concurrent requests bounded", async () => {
    await withWorld(compliantProject(), async (world) => {
      world.api.latencyMs = 5;
      const run = await runCli(["audit", "--env", "production", "--format", "json"], {
        env: world.env,
        cwd: world.dir,
        isTty: true,
      });
      expect(run.stderr).toMatch(/audit: fr-par: 20 containers, 3 databases, 12 secrets, 3 private networks/);
      expect(run.stderr).toMatch(/audit: \d+ live resources from \d+ API calls in \d+ ms/);
      console.log(`most concurrent requests: ${world.api.maxInFlight}`);
      expect(world.api.maxInFlight).toBeGreaterThan(1);
      expect(world.api.maxInFlight).toBeLessThanOrEqual(48);
    });
  });

  it("passes the compliant project", async () => {
    await withWorld(compliantProject(), async (world) => {
      const run = await audit(world);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(failingRules(report)).toEqual([]);
      expect(run.code).toBe(0);
    });
  });

  it("fails the non-compliant project with the same rule IDs as scan of the equivalent state export", async () => {
    const project = nonCompliantProject();
    await withWorld(project, async (world) => {
      const live = await audit(world);
      const liveReport = JSON.parse(live.stdout) as JsonReport;
      expect(live.code).toBe(1);
      const exportFile = path.join(world.dir, "state.json");
      fs.writeFileSync(exportFile, JSON.stringify(stateExportOf(project, "production")));
      const scanned = await runCli(["scan", exportFile, "--format", "json"], { env: {}, cwd: world.dir });
      const scanReport = JSON.parse(scanned.stdout) as JsonReport;
      expect(scanned.code).toBe(1);
      expect(failingRules(liveReport)).toEqual(failingRules(scanReport));
      expect(failingRules(liveReport)).toEqual(
        expect.arrayContaining(["CTR-2", "CTR-4", "CTR-5", "DB-2", "DB-3", "DB-4", "SEC-5"]),
      );
    });
  });

  it("fails a live production container with minScale 1 on CTR-4, exactly as at preview", async () => {
    const project = cloneProject(compliantProject());
    project.regions["nl-ams"].containers[3].min_scale = 1;
    await withWorld(project, async (world) => {
      const report = JSON.parse((await audit(world)).stdout) as JsonReport;
      const ctr4 = report.findings.filter((f) => f.ruleIds.includes("CTR-4") && f.status === "fail");
      expect(ctr4).toHaveLength(1);
      expect(ctr4[0].urn).toContain(String(project.regions["nl-ams"].containers[3].name));
    });
  });

  it("lists drift against state exports: a click-ops container, a deleted database user, a changed setting", async () => {
    const managed = compliantProject();
    const live = cloneProject(managed);
    const par = live.regions["fr-par"];
    const clickOps = container(
      "00000000-0000-4000-8000-00000000beef",
      "hotfix-by-hand",
      String(par.container_namespaces[0].id),
      "fr-par",
      "documentation",
      99,
    );
    par.containers.push(clickOps);
    const instanceId = String(par.instances[0].id);
    const removedUser = par.users[instanceId].pop() as Json;
    par.privileges[instanceId] = par.privileges[instanceId].filter((p) => p.user_name !== removedUser.name);
    live.regions["nl-ams"].containers[0].max_scale = 9;
    await withWorld(live, async (world) => {
      const stateFile = path.join(world.dir, "production.json");
      fs.writeFileSync(stateFile, JSON.stringify(stateExportOf(managed, "production")));
      const run = await audit(world, "--state", stateFile);
      const report = JSON.parse(run.stdout) as JsonReport;
      const drift = report.findings.filter((f) => f.ruleIds.some((id) => id.startsWith("DRIFT-")));
      const byId = (id: string) => drift.filter((f) => f.ruleIds.includes(id));
      expect(byId("DRIFT-1").map((f) => f.message)).toEqual([expect.stringContaining("hotfix-by-hand")]);
      expect(byId("DRIFT-2").map((f) => f.message)).toEqual(
        expect.arrayContaining([expect.stringContaining(String(removedUser.name))]),
      );
      expect(byId("DRIFT-3").map((f) => f.message)).toEqual([expect.stringContaining("`maxScale`")]);
    });
  });

  // Attack 2 finding 2: the text summary counted the drift findings as advisory violations but no
  // table listed them, and markdown and JUnit had none: findings outside the rule book were dropped.
  it("shows drift findings in the text, markdown and JUnit reports, as JSON lists them", async () => {
    const managed = compliantProject();
    const live = cloneProject(managed);
    live.regions["nl-ams"].containers[0].max_scale = 9;
    await withWorld(live, async (world) => {
      const stateFile = path.join(world.dir, "production.json");
      fs.writeFileSync(stateFile, JSON.stringify(stateExportOf(managed, "production")));
      const run = (format: string) =>
        runCli(["audit", "--env", "production", "--state", stateFile, "--format", format], {
          env: world.env,
          cwd: world.dir,
        });
      const text = (await run("text")).stdout;
      expect(text).toMatch(/^\S+\s+DRIFT-3\s+.*`maxScale`.*\(advisory\)$/m);
      const markdown = (await run("markdown")).stdout;
      expect(markdown).toMatch(/^\| .* \| DRIFT-3 \| `drift-changed-setting` \|.*`maxScale`/m);
      const junit = (await run("junit")).stdout;
      expect(junit).toContain('<testsuite name="production.drift"');
      expect(junit).toMatch(
        /<testcase name="DRIFT-3 drift-changed-setting \[[^"]+\]" classname="scw-infra\.production\.drift"/,
      );
    });
  });

  it("reports no drift when the state matches the live project", async () => {
    const project = compliantProject();
    await withWorld(project, async (world) => {
      const stateFile = path.join(world.dir, "production.json");
      fs.writeFileSync(stateFile, JSON.stringify(stateExportOf(project, "production")));
      const report = JSON.parse((await audit(world, "--state", stateFile)).stdout) as JsonReport;
      expect(report.findings.filter((f) => f.ruleIds.some((id) => id.startsWith("DRIFT-")))).toEqual([]);
    });
  });

  it("honours a waiver written with a live resource's URN, as scan honours one", async () => {
    const project = cloneProject(compliantProject());
    const target = project.regions["fr-par"].containers[4];
    target.min_scale = 1;
    await withWorld(project, async (world) => {
      const urn = `urn:pulumi:production::scaleway-live::scaleway:containers/container:Container::production-apps-fr-par-1/${String(target.name)}`;
      // Within the production waiver horizon (180 days), whatever day the test runs.
      const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      fs.writeFileSync(
        path.join(world.dir, "waivers.yaml"),
        `- rule: CTR-4\n  urn: "${urn}"\n  reason: scaled down for a load test\n  owner: platform-team\n  expires: ${expires}\n`,
      );
      const report = JSON.parse((await audit(world)).stdout) as JsonReport;
      const ctr4 = report.findings.filter((f) => f.ruleIds.includes("CTR-4"));
      expect(ctr4.map((f) => [f.urn, f.status])).toEqual([[urn, "waived"]]);
      expect(report.rules.find((r) => r.ruleId === "CTR-4")?.status).toBe("waived");
    });
  });

  it.each([
    ["disables", "disabled"],
    ["downgrades to advisory", "advisory"],
  ])("fails in CI when the policy pack config %s every policy, as plan and scan do", async (_name, level) => {
    await withWorld(nonCompliantProject(), async (world) => {
      fs.writeFileSync(path.join(world.dir, "policy-config.json"), JSON.stringify({ all: level }));
      const run = await runCli(
        ["audit", "--env", "production", "--format", "json", "--policy-pack-config", "policy-config.json"],
        { env: { ...world.env, CI: "true" }, cwd: world.dir },
      );
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as JsonReport & {
        disabledPolicies: Array<{ to: string; mandatory: boolean; blocking: boolean }>;
      };
      expect(report.disabledPolicies.length).toBeGreaterThan(10);
      expect(report.disabledPolicies.every((p) => p.to === level && p.blocking === p.mandatory)).toBe(true);
      expect(report.disabledPolicies.some((p) => p.blocking)).toBe(true);
    });
  });

  it.each(["text", "markdown", "sarif", "junit"])(
    "renders the %s report with the same exit code",
    async (format) => {
      await withWorld(nonCompliantProject(), async (world) => {
        const run = await runCli(["audit", "--env", "production", "--format", format], {
          env: world.env,
          cwd: world.dir,
        });
        expect(run.code).toBe(1);
        expect(run.stdout).toContain("CTR-4");
        expect(run.stdout + run.stderr).not.toContain(SECRET_KEY);
      });
    },
  );
});

describe("scw-infra audit when Scaleway's API refuses or fails", () => {
  async function failingAudit(faults: FakeProject extends never ? never : Parameters<typeof setFaults>[1]) {
    return withWorld(compliantProject(), async (world) => {
      setFaults(world, faults);
      const run = await audit(world);
      return {
        run,
        error:
          run.code >= 2
            ? (JSON.parse(run.stdout) as { code: string; message: string; details: Json })
            : undefined,
        world,
      };
    });
  }
  function setFaults(world: AuditWorld, faults: AuditWorld["api"]["faults"]): void {
    world.api.faults = faults;
  }

  it("turns a 403 into INFRA_003 naming the missing permission set", async () => {
    const { run, error } = await failingAudit([{ path: /^\/rdb\//, status: 403, times: Infinity }]);
    expect(run.code).toBe(3);
    expect(error?.code).toBe("INFRA_003");
    expect(error?.message).toContain("RelationalDatabasesReadOnly");
  });

  it("turns refused credentials (401) into INFRA_003", async () => {
    const { run, error } = await failingAudit([{ path: /^\/account\//, status: 401, times: Infinity }]);
    expect(run.code).toBe(3);
    expect(error?.code).toBe("INFRA_003");
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
  });

  it("turns an unknown project into INFRA_004", async () => {
    await withWorld(compliantProject(), async (world) => {
      const run = await audit(world, "--project", "00000000-0000-4000-8000-00000000dead");
      expect(run.code).toBe(3);
      expect((JSON.parse(run.stdout) as { code: string }).code).toBe("INFRA_004");
    });
  });

  it("retries 429 answers with backoff and succeeds when they stop", async () => {
    const { run, world } = await failingAudit([{ path: /\/containers$/, status: 429, times: 2 }]);
    expect(run.code).toBe(0); // the compliant project's verdict is reached
    expect(world.api.requests.filter((r) => /\/containers$/.test(r.path)).length).toBeGreaterThan(8);
  });

  it("gives INFRA_002 when 429 answers go on after the retries", async () => {
    const { run, error } = await failingAudit([{ path: /\/secrets$/, status: 429, times: Infinity }]);
    expect(run.code).toBe(3);
    expect(error?.code).toBe("INFRA_002");
  });

  it("retries 5xx answers and gives INFRA_005 when they go on", async () => {
    const { run, error, world } = await failingAudit([
      { path: /\/private-networks$/, status: 503, times: Infinity },
    ]);
    expect(run.code).toBe(3);
    expect(error?.code).toBe("INFRA_005");
    expect(
      world.api.requests.filter((r) => r.path.endsWith("/private-networks")).length,
    ).toBeGreaterThanOrEqual(4);
  });

  it("recovers from a single 500", async () => {
    const { error } = await failingAudit([{ path: /\/vpcs$/, status: 500, times: 1 }]);
    expect(error).toBeUndefined();
  });
});
