import { UNKNOWN } from "../../cli/plan/model";
import { aclProps, databaseProps, evaluate, failuresOf, findingsOf, resource } from "./helpers";

const instance = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource("databaseInstance", "documentation-db", databaseProps(overrides), options);
const acl = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource("databaseAcl", "documentation-db-acl", aclProps(overrides), options);

describe("database policies", () => {
  it.each([
    "database-high-availability",
    "database-backup-retention",
    "database-encryption-at-rest",
    "database-acl-restricted",
    "database-acl-documented",
    "database-private-network",
    "database-network-access-defined",
  ])("a compliant production database and ACL pass %s", async (policy) => {
    expect(await findingsOf(policy, [instance(), acl()])).toEqual([]);
  });

  it.each([false, true])(
    "a compliant database makes DB-2, DB-3, DB-4, DB-8 pass (flat token: %s)",
    async (flatToken) => {
      const evaluation = await evaluate([instance({}, { flatToken }), acl({}, { flatToken })]);
      for (const id of ["DB-2", "DB-3", "DB-4", "DB-8"]) {
        expect(evaluation.rules.find((r) => r.ruleId === id)?.status).toBe("pass");
      }
    },
  );

  describe("DB-2 high availability", () => {
    it("fails a production instance that is not an HA cluster", async () => {
      const [failure] = await failuresOf("database-high-availability", [instance({ isHaCluster: false })]);
      expect(failure.message).toMatch(
        /^\[DB-2\] `isHaCluster` is false in environment production.*set `isHaCluster: true`/,
      );
    });

    it("fails under the flat type token too", async () => {
      expect(
        await failuresOf("database-high-availability", [
          instance({ isHaCluster: false }, { flatToken: true }),
        ]),
      ).toHaveLength(1);
    });

    it("does not apply in staging", async () => {
      const staging = instance(
        { isHaCluster: false, backupScheduleRetention: 7, tags: ["env:staging"] },
        { stack: "staging" },
      );
      const evaluation = await evaluate([staging], { stack: "staging" });
      expect(evaluation.findings.filter((f) => f.policy === "database-high-availability")).toEqual([]);
      expect(evaluation.rules.find((r) => r.ruleId === "DB-2")?.status).toBe("not_applicable");
    });
  });

  describe("DB-3 backup retention", () => {
    it("fails 7 days in production and lists the allowed values", async () => {
      const [failure] = await failuresOf("database-backup-retention", [
        instance({ backupScheduleRetention: 7 }),
      ]);
      expect(failure.message).toMatch(/^\[DB-3, PERF-4\] .*7 days.*set it to 30, 90 or 365 days/);
    });

    it("fails an unset retention in production, since Scaleway keeps 7 days", async () => {
      const [failure] = await failuresOf("database-backup-retention", [
        instance({ backupScheduleRetention: undefined }),
      ]);
      expect(failure.message).toContain("unset (Scaleway keeps 7 days)");
    });

    it("fails disabled backups", async () => {
      const [failure] = await failuresOf("database-backup-retention", [instance({ disableBackup: true })]);
      expect(failure.message).toContain("disableBackup");
    });

    it("fails 30 days in staging", async () => {
      const staging = instance({ backupScheduleRetention: 30, tags: ["env:staging"] }, { stack: "staging" });
      expect(await failuresOf("database-backup-retention", [staging], { stack: "staging" })).toHaveLength(1);
    });
  });

  describe("DB-4 ACL", () => {
    it("fails an ACL open to the whole Internet", async () => {
      const [failure] = await failuresOf("database-acl-restricted", [
        acl({ aclRules: [{ ip: "0.0.0.0/0", description: "everyone" }] }),
      ]);
      expect(failure.ruleIds).toEqual(["DB-4", "SECU-2"]);
      expect(failure.message).toMatch(
        /^\[DB-4, SECU-2\] `aclRules\[0\]\.ip` "0\.0\.0\.0\/0" opens access to the whole Internet/,
      );
    });

    it("fails a public range wider than /24", async () => {
      const rules = [{ ip: "198.51.0.0/16", description: "partner" }];
      expect(await failuresOf("database-acl-restricted", [acl({ aclRules: rules })])).toHaveLength(1);
    });

    it("fails an empty ACL", async () => {
      expect(await failuresOf("database-acl-restricted", [acl({ aclRules: [] })])).toHaveLength(1);
    });

    it("fails under the flat type token too", async () => {
      const open = acl({ aclRules: [{ ip: "0.0.0.0/0", description: "everyone" }] }, { flatToken: true });
      expect(await failuresOf("database-acl-restricted", [open])).toHaveLength(1);
    });
  });

  describe("DB-8 encryption at rest", () => {
    it("fails an instance without encryption at rest", async () => {
      const [failure] = await failuresOf("database-encryption-at-rest", [
        instance({ encryptionAtRest: false }),
      ]);
      expect(failure.message).toMatch(/^\[DB-8, SECU-4, ENV-6\] .*set `encryptionAtRest: true`/);
    });

    it("fails an unencrypted instance even when the policy config says encryption is not required (SECU-4)", async () => {
      const enforcement = {
        policies: { "database-encryption-at-rest": { properties: { encryptionRequired: false } } },
      };
      const findings = await findingsOf(
        "database-encryption-at-rest",
        [instance({ encryptionAtRest: false })],
        { enforcement },
      );
      expect(findings).toHaveLength(1);
      expect(findings[0].message).toMatch(/SECU-4 requires encryption of the database/);
    });
  });

  describe("DB-4 private networking", () => {
    it("fails an instance outside the private network", async () => {
      const [failure] = await failuresOf("database-private-network", [
        instance({ privateNetwork: undefined }),
      ]);
      expect(failure.message).toMatch(
        /^\[DB-4, SECU-2\] the instance sets no `privateNetwork`; set `privateNetwork: \{ pnId \}` to a private network/,
      );
    });

    it("fails under the flat type token too", async () => {
      const flat = instance({ privateNetwork: undefined }, { flatToken: true });
      expect(await failuresOf("database-private-network", [flat])).toHaveLength(1);
    });

    it("does not apply when the policy config says private networking is not asked for", async () => {
      const enforcement = {
        policies: { "database-private-network": { properties: { privateNetworkingRequired: false } } },
      };
      const publicDb = instance({ privateNetwork: undefined });
      expect(await findingsOf("database-private-network", [publicDb], { enforcement })).toEqual([]);
    });
  });

  describe("SECU-2 network access", () => {
    it("fails an instance with neither private network nor ACL", async () => {
      const [failure] = await failuresOf("database-network-access-defined", [
        instance({ privateNetwork: undefined }),
      ]);
      expect(failure.message).toMatch(
        /^\[SECU-2, DB-4\] database instance documentation-db has no `privateNetwork`, so Scaleway gives it its default public endpoint and no databases.Acl restricts it/,
      );
      expect(failure.urn).toContain("documentation-db");
    });

    it("accepts a public instance whose ACL depends on it", async () => {
      const db = instance({ privateNetwork: undefined });
      const access = acl({}, { dependencies: [db.urn] });
      expect(await failuresOf("database-network-access-defined", [db, access])).toEqual([]);
    });

    it.each([false, true])(
      "fails a private-network instance that also exposes a public endpoint without an ACL (flat token: %s)",
      async (flatToken) => {
        const db = instance({ loadBalancer: {} }, { flatToken });
        const [failure] = await failuresOf("database-network-access-defined", [db]);
        expect(failure.message).toMatch(
          /^\[SECU-2, DB-4\] database instance documentation-db exposes a public endpoint \(`loadBalancer`\) and no databases.Acl restricts it: .*rdb.default-allowed-ips: 0\.0\.0\.0\/0/,
        );
        const evaluation = await evaluate([db]);
        expect(evaluation.rules.find((r) => r.ruleId === "DB-4")?.status).toBe("fail");
      },
    );

    it("fails `loadBalancers` (the list form) without an ACL, and accepts it with one", async () => {
      const db = instance({ loadBalancers: [{}] });
      expect(await failuresOf("database-network-access-defined", [db])).toHaveLength(1);
      const access = acl({}, { dependencies: [db.urn] });
      expect(await failuresOf("database-network-access-defined", [db, access])).toEqual([]);
    });

    it("accepts a private-network instance without a public endpoint and without an ACL", async () => {
      expect(
        await failuresOf("database-network-access-defined", [instance({ loadBalancer: undefined })]),
      ).toEqual([]);
    });

    it("is indeterminate, never passed, when `loadBalancer` is computed at preview", async () => {
      const evaluation = await evaluate([instance({ loadBalancer: UNKNOWN })]);
      const statuses = evaluation.findings
        .filter((f) => f.policy === "database-network-access-defined")
        .map((f) => f.status);
      expect(statuses).toEqual(["indeterminate"]);
    });

    it("ignores an ACL of another instance", async () => {
      const db = instance({ loadBalancer: {} });
      const other = resource("databaseInstance", "other-db", databaseProps({}));
      const access = acl({}, { dependencies: [other.urn] });
      expect(await failuresOf("database-network-access-defined", [db, other, access])).toHaveLength(1);
    });
  });

  describe("COMP-4 ACL descriptions", () => {
    it("fails an ACL rule without a description", async () => {
      const [failure] = await failuresOf("database-acl-documented", [
        acl({ aclRules: [{ ip: "10.0.0.0/8" }] }),
      ]);
      expect(failure.message).toMatch(/^\[COMP-4\] `aclRules\[0\]` has no description/);
    });

    it("fails Scaleway's default description, which documents nothing", async () => {
      expect(
        await failuresOf("database-acl-documented", [
          acl({ aclRules: [{ ip: "10.0.0.0/8", description: "IP allowed" }] }),
        ]),
      ).toHaveLength(1);
    });
  });
});
