// What an attacker or a careless user can throw at `scw-infra audit`, from the adversarial review:
// redirects, silent servers, lying list answers, secrets pasted in the wrong place or echoed by
// the API, credentials hidden in namespace variables, vanished resources, typos.
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";
import type { FakeProject } from "./support/fake-scaleway-api";
import {
  cloneProject,
  compliantProject,
  PROJECT_ID,
  SECRET_KEY,
  stateExportOf,
} from "./support/fake-project";
import { startAuditWorld, type AuditWorld } from "./support/audit-env";

interface Outcome {
  code: number;
  out: string;
  json: {
    code?: string;
    message?: string;
    rules?: { ruleId: string; status: string }[];
    findings?: { ruleIds: string[]; message: string }[];
  };
}

async function auditWith(
  project: FakeProject,
  arrange: (world: AuditWorld) => void | Promise<void>,
  extra: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<Outcome & { world: AuditWorld }> {
  const world = await startAuditWorld(project);
  try {
    await arrange(world);
    const run = await runCli(["audit", "--env", "production", "--format", "json", ...extra], {
      env: { ...world.env, ...env },
      cwd: world.dir,
    });
    return {
      code: run.code,
      out: run.stdout + run.stderr,
      json: JSON.parse(run.stdout) as Outcome["json"],
      world,
    };
  } finally {
    await world.stop();
  }
}

describe("audit against hostile answers", () => {
  it("never follows a redirect, so the secret key never reaches another host", async () => {
    let stolen = 0;
    const thief = http.createServer((_req, res) => {
      stolen += 1;
      res.end("{}");
    });
    await new Promise<void>((resolve) => thief.listen(0, "127.0.0.1", resolve));
    const port = (thief.address() as AddressInfo).port;
    try {
      const result = await auditWith(compliantProject(), (world) => {
        world.api.faults = [
          {
            path: /\/vpcs$/,
            status: 500,
            times: Infinity,
            behaviour: { redirectTo: `http://127.0.0.1:${port}/steal` },
          },
        ];
      });
      expect(stolen).toBe(0);
      expect(result.code).toBe(3);
      expect(result.json.code).toBe("INFRA_005");
      expect(result.json.message).toContain("redirect");
    } finally {
      thief.closeAllConnections();
      await new Promise<void>((resolve) => thief.close(() => resolve()));
    }
  });

  it("times out a server that never answers (INFRA_005), instead of hanging", async () => {
    const started = Date.now();
    const result = await auditWith(
      compliantProject(),
      (world) => {
        world.api.faults = [{ path: /\/registry\//, status: 500, times: Infinity, behaviour: "hang" }];
      },
      [],
      { SCW_INFRA_API_TIMEOUT_MS: "200" },
    );
    expect(result.json.code).toBe("INFRA_005");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  describe("a silent API ends quickly and clearly (issue 11 §6)", () => {
    const silentVpcs = (world: AuditWorld) => {
      world.api.faults = [
        { path: /\/regions\/fr-par\/vpcs$/, status: 500, times: Infinity, behaviour: "hang" },
      ];
    };

    it("asks a request that timed out once more only, names the host and the request, and says it waits", async () => {
      const started = Date.now();
      const result = await auditWith(compliantProject(), silentVpcs, ["--region", "fr-par"], {
        SCW_INFRA_API_TIMEOUT_MS: "400",
      });
      const elapsed = Date.now() - started;
      const asked = result.world.api.requests.filter((r) => r.path === "/vpc/v2/regions/fr-par/vpcs");
      expect(asked).toHaveLength(2);
      expect(result.code).toBe(3);
      const error = result.json as { code?: string; message?: string; details?: Record<string, unknown> };
      expect(error.code).toBe("INFRA_005");
      expect(error.message).toMatch(
        /^Scaleway's API did not answer \(list VPCs in fr-par\): 127\.0\.0\.1:\d+ did not answer GET \/vpc\/v2\/regions\/fr-par\/vpcs within 400 ms, after 2 attempts\.$/,
      );
      expect(error.details).toMatchObject({
        host: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        timedOut: "GET /vpc/v2/regions/fr-par/vpcs",
      });
      expect(result.out).toMatch(
        /audit: still waiting for 127\.0\.0\.1:\d+ to answer GET \/vpc\/v2\/regions\/fr-par\/vpcs/,
      );
      expect(elapsed).toBeLessThan(5_000);
    });

    it("stops every request when the audit's deadline passes (SCW_INFRA_AUDIT_DEADLINE_MS)", async () => {
      const started = Date.now();
      const result = await auditWith(compliantProject(), silentVpcs, [], {
        SCW_INFRA_API_TIMEOUT_MS: "60000",
        SCW_INFRA_AUDIT_DEADLINE_MS: "600",
      });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.code).toBe(3);
      expect(result.json.code).toBe("INFRA_005");
      expect(result.json.message).toMatch(
        /the audit's deadline of 600 ms passed while 127\.0\.0\.1:\d+ had not answered GET \/vpc\/v2\/regions\/fr-par\/vpcs/,
      );
    });

    it.each(["0", "-5", "1e3", "soon"])(
      "refuses SCW_INFRA_AUDIT_DEADLINE_MS=%s (INFRA_001)",
      async (value) => {
        const result = await auditWith(compliantProject(), () => undefined, [], {
          SCW_INFRA_AUDIT_DEADLINE_MS: value,
        });
        expect(result.code).toBe(2);
        expect(result.json.code).toBe("INFRA_001");
        expect(result.world.api.requests).toHaveLength(0);
      },
    );
  });

  it.each([
    ["a list answer without its list", { total_count: 5 }],
    ["a list that is not a list", { containers: "x", total_count: 1 }],
    ["a huge total_count", { containers: [], total_count: 100_000_000 }],
    ["a total_count given as a string", { containers: [], total_count: "25" }],
  ])("refuses %s instead of dropping resources", async (_label, body) => {
    const result = await auditWith(compliantProject(), (world) => {
      world.api.bodyOverrides = [{ path: /\/containers$/, body }];
    });
    expect(result.code).toBe(3);
    expect(result.json.code).toBe("INFRA_005");
  });

  it("redacts the secret key from an API error message that echoes it", async () => {
    const result = await auditWith(compliantProject(), (world) => {
      world.api.faults = [
        {
          path: /\/users$/,
          status: 500,
          times: Infinity,
          body: { message: `token ${SECRET_KEY} broke`, type: "internal" },
        },
      ];
    });
    expect(result.json.code).toBe("INFRA_005");
    expect(result.out).not.toContain(SECRET_KEY);
    expect(result.out.toLowerCase()).not.toContain(SECRET_KEY.toLowerCase());
  });

  it("gives INFRA_002 for a quota refusal even though Scaleway sends it with HTTP 403", async () => {
    const result = await auditWith(compliantProject(), (world) => {
      world.api.faults = [
        {
          path: /\/secrets$/,
          status: 403,
          times: Infinity,
          body: {
            type: "quotas_exceeded",
            message: "quota exceeded",
            details: [{ resource: "secrets", quota: 10, current: 10 }],
          },
        },
      ];
    });
    expect(result.json.code).toBe("INFRA_002");
  });

  it("skips a secret deleted between the list and its versions, and goes on", async () => {
    const result = await auditWith(compliantProject(), (world) => {
      world.api.faults = [{ path: /\/secrets\/[^/]+\/versions$/, status: 404, times: 1 }];
    });
    expect(result.json.code).toBeUndefined();
    expect(result.json.rules?.length).toBeGreaterThan(0);
  });
});

describe("audit against careless input", () => {
  it("never echoes a secret key pasted as the project ID", async () => {
    const result = await auditWith(compliantProject(), () => undefined, ["--project", SECRET_KEY]);
    expect(result.code).toBe(3);
    expect(result.out).not.toContain(SECRET_KEY);
  });

  it("checks --env before any API call", async () => {
    const result = await auditWith(compliantProject(), () => undefined, ["--env", "prod"]);
    expect(result.code).toBe(2);
    expect(result.world.api.requests).toEqual([]);
  });

  it("fails CTR-6 on a credential in a container namespace's variables, which every container inherits", async () => {
    const project = cloneProject(compliantProject());
    project.regions["fr-par"].container_namespaces[0].environment_variables = {
      DB_PASSWORD: "Zx9!plantedPassw0rd-7781",
    };
    const result = await auditWith(project, () => undefined);
    expect(result.json.rules?.find((r) => r.ruleId === "CTR-6")?.status).toBe("fail");
    expect(result.out).not.toContain("Zx9!plantedPassw0rd-7781");
  });

  it("honours the config file's active_profile", async () => {
    const result = await auditWith(compliantProject(), (world) => {
      fs.mkdirSync(path.join(world.dir, ".config", "scw"), { recursive: true });
      fs.writeFileSync(
        path.join(world.dir, ".config", "scw", "config.yaml"),
        `access_key: ${String(world.env.SCW_ACCESS_KEY)}\nsecret_key: ${SECRET_KEY}\ndefault_project_id: 00000000-0000-4000-8000-00000000dead\n` +
          `active_profile: production\nprofiles:\n  production:\n    access_key: ${String(world.env.SCW_ACCESS_KEY)}\n    secret_key: ${SECRET_KEY}\n    default_project_id: ${PROJECT_ID}\n`,
      );
      delete world.env.SCW_DEFAULT_PROJECT_ID;
      delete world.env.SCW_SECRET_KEY;
      delete world.env.SCW_ACCESS_KEY;
    });
    expect(result.world.api.requests[0].path).toBe(`/account/v3/projects/${PROJECT_ID}`);
  });

  it("judges every live resource unmanaged against a state that manages nothing", async () => {
    const project = compliantProject();
    const result = await auditWith(
      project,
      (world) => {
        const state = stateExportOf(project, "production") as { deployment: { resources: unknown[] } };
        state.deployment.resources = state.deployment.resources.slice(0, 1);
        fs.writeFileSync(path.join(world.dir, "empty.json"), JSON.stringify(state));
      },
      ["--state", "empty.json"],
    );
    expect(result.json.findings?.filter((f) => f.ruleIds.includes("DRIFT-1")).length).toBeGreaterThan(150);
  });

  it("reports a resource two stacks manage (DRIFT-4)", async () => {
    const project = compliantProject();
    const result = await auditWith(
      project,
      (world) => {
        fs.writeFileSync(
          path.join(world.dir, "a.json"),
          JSON.stringify(stateExportOf(project, "production")),
        );
        fs.writeFileSync(
          path.join(world.dir, "b.json"),
          JSON.stringify(stateExportOf(project, "production-copy")),
        );
      },
      ["--state", "a.json", "--state", "b.json"],
    );
    expect(result.json.findings?.filter((f) => f.ruleIds.includes("DRIFT-4")).length).toBeGreaterThan(150);
  });

  it("leaves out IAM policies and applications that do not reach the audited project", async () => {
    const project = cloneProject(compliantProject());
    const stagingPolicy = project.policies[0];
    project.rules[String(stagingPolicy.id)] = [
      {
        id: "r-x",
        permission_set_names: ["AllProductsFullAccess"],
        permission_sets_scope_type: "projects",
        condition: "",
        project_ids: ["00000000-0000-4000-8000-00000000cafe"],
      },
    ];
    const result = await auditWith(project, () => undefined);
    expect(result.json.rules?.find((r) => r.ruleId === "SEC-5")?.status).not.toBe("fail");
  });
});
