// issue 11 §1, §2: `scan` never passes an IAM policy that hands out an admin-equivalent permission set
// (IAMManager, OrganizationManager: fact iam.self-granting-permission-sets), a project-scoped set given
// organization-wide, nor a production database whose public endpoint no ACL restricts (facts
// rdb.public-endpoint, rdb.default-allowed-ips). Each case is the compliant production export with one
// change, as the reviewer built it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";

const FIXTURE = "tests/fixtures/scan/production-compliant.stack.json";
const P = "urn:pulumi:production::scaleway-infra::";
const PROVIDER = `${P}pulumi:providers:scaleway::default_1_54_0::0b9a7c1e-5d3f-4a2b-8c6d-1e0f2a3b4c5d`;
const PROJECT_ID = "6f1c2a9e-3b7d-4e58-9a0c-2d4f6b8e1a3c";
const ORGANIZATION_ID = "0e0e0e0e-0000-4000-8000-000000000001";

interface Report {
  exitCode: number;
  rules: Array<{ ruleId: string; status: string }>;
  findings: Array<{ policy: string; status: string; message: string; resourceName: string }>;
}
interface StateResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  [key: string]: unknown;
}
interface StateExport {
  deployment: { resources: StateResource[] };
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-priv-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function compliant(): StateExport {
  return JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as StateExport;
}

async function scan(doc: StateExport) {
  const file = path.join(dir, `scan-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 1));
  const run = await runCli(["scan", file, "--format", "json"]);
  const report = JSON.parse(run.stdout) as Report;
  const status = (id: string) => report.rules.find((r) => r.ruleId === id)?.status;
  const failures = (policy: string) =>
    report.findings.filter((f) => f.policy === policy && f.status === "fail").map((f) => f.message);
  return { code: run.code, status, failures };
}

function withIamPolicy(inputs: Record<string, unknown>): StateExport {
  const doc = compliant();
  doc.deployment.resources.push({
    urn: `${P}scaleway:iam/policy:Policy::documentation-runtime`,
    custom: true,
    id: "11111111-0000-4000-8000-000000000099",
    type: "scaleway:iam/policy:Policy",
    inputs: {
      name: "documentation-runtime",
      description: "runtime access of the documentation application to its secrets",
      tags: ["env:production", "service:documentation", "managed-by:pulumi"],
      ...inputs,
    },
    outputs: {},
    parent: `${P}pulumi:pulumi:Stack::scaleway-infra-production`,
    provider: PROVIDER,
    dependencies: [],
  });
  return doc;
}

const APPLICATION = { applicationId: "22222222-0000-4000-8000-000000000001" };
const GROUP = { groupId: "33333333-0000-4000-8000-000000000001" };
const DEPLOYER_TAGS = { tags: ["env:production", "service:documentation", "role:deployer"] };

describe("scan: IAM admin-equivalent permission sets (SEC-5, SECU-3)", () => {
  it("passes the compliant export with a least-privilege runtime policy", async () => {
    const run = await scan(
      withIamPolicy({
        ...APPLICATION,
        rules: [{ projectIds: [PROJECT_ID], permissionSetNames: ["SecretManagerSecretAccess"] }],
      }),
    );
    expect(run.code).toBe(0);
    expect(run.status("SEC-5")).toBe("pass");
    expect(run.status("SECU-3")).toBe("pass");
  });

  it.each(["IAMManager", "OrganizationManager", "ProjectManager", "IAMPolicyManager"])(
    "fails %s granted to a runtime application",
    async (set) => {
      const run = await scan(
        withIamPolicy({ ...APPLICATION, rules: [{ projectIds: [PROJECT_ID], permissionSetNames: [set] }] }),
      );
      expect(run.code).toBe(1);
      expect(run.status("SEC-5")).toBe("fail");
      expect(run.status("SECU-3")).toBe("fail");
      expect(run.failures("iam-no-broad-permission-sets").join("\n")).toContain(set);
    },
  );

  it("fails OrganizationManager given organization-wide to a group", async () => {
    const run = await scan(
      withIamPolicy({
        ...GROUP,
        rules: [{ organizationId: ORGANIZATION_ID, permissionSetNames: ["OrganizationManager"] }],
      }),
    );
    expect(run.code).toBe(1);
    expect(run.status("SEC-5")).toBe("fail");
    expect(run.failures("iam-no-broad-permission-sets")[0]).toContain("admin-equivalent");
  });

  it("fails IAMManager on the deployer's policy", async () => {
    const run = await scan(
      withIamPolicy({
        ...APPLICATION,
        ...DEPLOYER_TAGS,
        rules: [{ organizationId: ORGANIZATION_ID, permissionSetNames: ["IAMManager"] }],
      }),
    );
    expect(run.code).toBe(1);
    expect(run.status("SECU-3")).toBe("fail");
  });

  it("fails the deployer's ContainersFullAccess given organization-wide, and passes it on its project", async () => {
    const orgWide = await scan(
      withIamPolicy({
        ...APPLICATION,
        ...DEPLOYER_TAGS,
        rules: [{ organizationId: ORGANIZATION_ID, permissionSetNames: ["ContainersFullAccess"] }],
      }),
    );
    expect(orgWide.code).toBe(1);
    expect(orgWide.status("SECU-3")).toBe("fail");
    expect(orgWide.failures("iam-no-organization-wide-runtime-rules")[0]).toContain(
      "project-scoped set ContainersFullAccess to the whole organization",
    );
    const scoped = await scan(
      withIamPolicy({
        ...APPLICATION,
        ...DEPLOYER_TAGS,
        rules: [{ projectIds: [PROJECT_ID], permissionSetNames: ["ContainersFullAccess"] }],
      }),
    );
    expect(scoped.code).toBe(0);
    expect(scoped.status("SECU-3")).toBe("pass");
  });
});

describe("scan: a production database's public endpoint without an ACL (DB-4, SECU-2)", () => {
  function withoutAcl(instanceInputs: Record<string, unknown>, flatToken = false): StateExport {
    const doc = compliant();
    doc.deployment.resources = doc.deployment.resources.filter(
      (r) => r.type !== "scaleway:databases/acl:Acl",
    );
    const instance = doc.deployment.resources.find((r) => r.type === "scaleway:databases/instance:Instance");
    if (!instance?.inputs) throw new Error("the fixture has no database instance");
    Object.assign(instance.inputs, instanceInputs);
    for (const [key, value] of Object.entries(instanceInputs))
      if (value === undefined) delete instance.inputs[key];
    if (flatToken) {
      instance.type = "scaleway:index/databaseInstance:DatabaseInstance";
      instance.urn = instance.urn.replace("scaleway:databases/instance:Instance", instance.type);
    }
    return doc;
  }

  it("passes a private-network instance without a public endpoint and without an ACL", async () => {
    const run = await scan(withoutAcl({}));
    expect(run.code).toBe(0);
    expect(run.status("DB-4")).toBe("pass");
  });

  it.each([false, true])(
    "fails `loadBalancer: {}` beside the private network with no ACL (flat token: %s)",
    async (flatToken) => {
      const run = await scan(withoutAcl({ loadBalancer: {} }, flatToken));
      expect(run.code).toBe(1);
      expect(run.status("DB-4")).toBe("fail");
      expect(run.status("SECU-2")).toBe("fail");
      expect(run.failures("database-network-access-defined")[0]).toMatch(
        /main-production exposes a public endpoint \(`loadBalancer`\) and no databases.Acl restricts it.*0\.0\.0\.0\/0/,
      );
    },
  );

  it("fails `loadBalancers: [{}]` with no ACL", async () => {
    const run = await scan(withoutAcl({ loadBalancers: [{}] }));
    expect(run.code).toBe(1);
    expect(run.status("DB-4")).toBe("fail");
  });

  it("passes the public endpoint when the stack's ACL restricts it", async () => {
    const doc = compliant();
    const instance = doc.deployment.resources.find((r) => r.type === "scaleway:databases/instance:Instance");
    Object.assign(instance?.inputs ?? {}, { loadBalancer: {} });
    const run = await scan(doc);
    expect(run.code).toBe(0);
    expect(run.status("DB-4")).toBe("pass");
  });
});
