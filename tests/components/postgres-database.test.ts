import * as pulumi from "@pulumi/pulumi";
import {
  aclRulesOf,
  connectionStringOf,
  DATABASE_PASSWORD_RULES,
  engineOf,
  privilegeOf,
  userForService,
  volumeSizeOf,
} from "../../components/database/database-inputs";
import { PostgresDatabase } from "../../components/database/postgres-database";
import type { DatabaseUserSpec } from "@scaleway-infra/contracts/documents/types";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { databaseSpec, placement } from "./support/fixtures";
import { installMocks, isSecretValue, parentTypeOf, settle, valueOf } from "./support/recording-mocks";

const INSTANCE = "scaleway:databases/instance:Instance";
const USER = "scaleway:databases/user:User";
const PRIVILEGE = "scaleway:databases/privilege:Privilege";
const ACL = "scaleway:databases/acl:Acl";
const DATABASE = "scaleway:databases/database:Database";
const PASSWORD = "random:index/randomPassword:RandomPassword";

function infraErrorOf(fn: () => unknown): InfraError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InfraError) return error;
    throw error;
  }
  throw new Error("expected an InfraError");
}

describe("database inputs", () => {
  it("names the engine PostgreSQL-<version>", () => {
    expect(engineOf(databaseSpec())).toBe("PostgreSQL-16");
  });

  it("gives a user readwrite when asked for, else readonly", () => {
    expect(privilegeOf({ name: "a", privileges: ["readonly", "readwrite"] }, 0)).toBe("readwrite");
    expect(privilegeOf({ name: "a", privileges: ["readonly"] }, 0)).toBe("readonly");
  });

  it("refuses admin privileges for an application user with DB-5", () => {
    // A user the schema refuses, as a caller that skipped validation could still pass it.
    const admin = { name: "a", privileges: ["all"] } as unknown as DatabaseUserSpec;
    const error = infraErrorOf(() => privilegeOf(admin, 1));
    expect(error.problems[0]).toMatchObject({ rule: "DB-5", path: "/users/1/privileges" });
  });

  it("describes every ACL rule and refuses 0.0.0.0/0 with DB-4", () => {
    expect(aclRulesOf(databaseSpec()).every((r) => r.description.length > 0)).toBe(true);
    const open = databaseSpec({ network: { type: "public", allowed_ips: ["10.0.0.0/8", "0.0.0.0/0"] } });
    expect(infraErrorOf(() => aclRulesOf(open)).problems[0]).toMatchObject({
      rule: "DB-4",
      path: "/network/allowed_ips/1",
    });
  });

  it("finds the user named after a service, and fails when there is none", () => {
    expect(userForService(databaseSpec(), "runners").name).toBe("runners");
    expect(
      userForService(
        databaseSpec({ users: [{ name: "streamlit_app", privileges: ["readonly"] }] }),
        "streamlit",
      ).name,
    ).toBe("streamlit_app");
    expect(infraErrorOf(() => userForService(databaseSpec(), "streamlit")).code).toBe("INFRA_001");
  });

  it("builds a TLS connection string with escaped credentials", () => {
    expect(
      connectionStringOf({ user: "u", password: "p@ss/w", host: "10.0.0.2", port: 5432, database: "db" }),
    ).toBe("postgresql://u:p%40ss%2Fw@10.0.0.2:5432/db?sslmode=require");
  });

  it("sets a volume size for block storage only", () => {
    expect(volumeSizeOf(databaseSpec())).toBe(50);
    expect(volumeSizeOf(databaseSpec({ storage: { size_gb: 50, type: "lssd" } }))).toBeUndefined();
  });

  it("asks for passwords that meet Scaleway's rules (8+ characters, upper, lower, digit, special)", () => {
    const r = DATABASE_PASSWORD_RULES;
    expect(r.length).toBeGreaterThanOrEqual(8);
    expect(Math.min(r.minUpper, r.minLower, r.minNumeric, r.minSpecial)).toBeGreaterThanOrEqual(1);
    expect(r.minUpper + r.minLower + r.minNumeric + r.minSpecial).toBeLessThanOrEqual(r.length);
  });
});

describe("PostgresDatabase component", () => {
  async function build(spec = databaseSpec(), privateNetworkId: string | undefined = "fr-par/pn-id") {
    const mocks = await installMocks();
    const db = new PostgresDatabase("database", {
      placement,
      spec,
      encryptionRequired: true,
      privateNetworkId,
      services: ["documentation", "runners"],
    });
    await valueOf(db.endpoint);
    await settle(mocks);
    return { mocks, db };
  }

  it("creates an HA PostgreSQL instance with retention, backup placement and encryption at rest", async () => {
    const { mocks } = await build();
    expect(mocks.one(INSTANCE).inputs).toMatchObject({
      name: "platform-production",
      engine: "PostgreSQL-16",
      isHaCluster: true,
      backupScheduleRetention: 30,
      backupSameRegion: false,
      disableBackup: false,
      encryptionAtRest: true,
      region: "fr-par",
      projectId: placement.projectId,
      tags: ["env:production", "service:database"],
    });
  });

  it("attaches the instance to the private network when network.type is private", async () => {
    const { mocks } = await build();
    expect(mocks.one(INSTANCE).inputs.privateNetwork).toEqual({ pnId: "fr-par/pn-id", enableIpam: true });
  });

  it("refuses a private database without a private network, before creating anything", async () => {
    const mocks = await installMocks();
    expect(
      () =>
        new PostgresDatabase("database", {
          placement,
          spec: databaseSpec(),
          encryptionRequired: true,
          services: [],
        }),
    ).toThrow(InfraError);
    await settle(mocks);
    expect(mocks.resources.filter((r) => r.custom)).toHaveLength(0);
  });

  it("creates a database, a user with a generated password and a privilege for each user", async () => {
    const { mocks } = await build();
    expect(mocks.ofType(DATABASE)).toHaveLength(1);
    expect(mocks.ofType(USER).map((u) => u.inputs.name)).toEqual(["documentation", "runners"]);
    expect(
      mocks.ofType(USER).every((u) => isSecretValue(u.inputs.password) && u.inputs.isAdmin === false),
    ).toBe(true);
    expect(mocks.ofType(PRIVILEGE).map((p) => p.inputs.permission)).toEqual(["readonly", "readwrite"]);
    expect(mocks.ofType(PASSWORD)).toHaveLength(3);
    expect(mocks.ofType(PASSWORD)[0].inputs).toMatchObject({ length: 32, minUpper: 2, minSpecial: 2 });
  });

  it("creates exactly one ACL with a description on each rule", async () => {
    const { mocks } = await build();
    const rules = mocks.one(ACL).inputs.aclRules as Array<{ ip: string; description: string }>;
    expect(rules.map((r) => r.ip)).toEqual(["172.16.0.0/22", "192.0.2.0/28"]);
    expect(rules.every((r) => r.description.includes("platform-production"))).toBe(true);
  });

  it("builds each service's database_url on the private endpoint, as a Pulumi secret", async () => {
    const { db } = await build();
    expect(await pulumi.isSecret(db.databaseUrls.runners)).toBe(true);
    expect(await valueOf(db.databaseUrls.runners)).toBe(
      "postgresql://runners:Mock-Passw0rd_platform-production-runners-password@172.16.4.2:5432/platform_production?sslmode=require",
    );
    expect(await valueOf(db.endpoint)).toBe("172.16.4.2:5432");
  });

  it("uses the public endpoint for a public database", async () => {
    const spec = databaseSpec({ network: { type: "public", allowed_ips: ["192.0.2.0/28"] } });
    const { mocks, db } = await build(spec, undefined);
    expect(mocks.one(INSTANCE).inputs.privateNetwork).toBeUndefined();
    expect(await valueOf(db.endpoint)).toBe("51.159.10.20:5432");
  });

  it("parents every child to the component", async () => {
    const { mocks } = await build();
    const children = mocks.resources.filter((r) => r.custom);
    expect(children.length).toBe(10);
    for (const child of children)
      expect(parentTypeOf(child.urn ?? "")).toBe("scaleway-infra:database:PostgresDatabase");
  });
});
