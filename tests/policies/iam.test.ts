import { PROJECT_ID, evaluate, failuresOf, findingsOf, iamPolicyProps, resource } from "./helpers";

const iamPolicy = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource("iamPolicy", "documentation-secret-access", iamPolicyProps(overrides), options);
const ORGANIZATION_ID = "99999999-8888-4777-8666-555555555555";

describe("IAM policies", () => {
  it.each([
    "iam-no-wildcard-permissions",
    "iam-no-broad-permission-sets",
    "iam-no-organization-wide-runtime-rules",
    "iam-policy-documented",
  ])("a least-privilege, documented IAM policy passes %s", async (policy) => {
    expect(await findingsOf(policy, [iamPolicy()])).toEqual([]);
  });

  it.each([false, true])(
    "a least-privilege IAM policy makes SEC-5 and SECU-3 pass (flat token: %s)",
    async (flatToken) => {
      const evaluation = await evaluate([iamPolicy({}, { flatToken })]);
      expect(evaluation.rules.find((r) => r.ruleId === "SEC-5")?.status).toBe("pass");
      expect(evaluation.rules.find((r) => r.ruleId === "SECU-3")?.status).toBe("pass");
    },
  );

  it("fails a wildcard permission set", async () => {
    const rules = [{ projectIds: [PROJECT_ID], permissionSetNames: ["SecretManager*"] }];
    const [failure] = await failuresOf("iam-no-wildcard-permissions", [iamPolicy({ rules })]);
    expect(failure.message).toMatch(
      /^\[SEC-5, SECU-3\] .*"SecretManager\*" by wildcard; list the exact permission sets/,
    );
  });

  it("fails a wildcard under the flat type token too", async () => {
    const rules = [{ projectIds: [PROJECT_ID], permissionSetNames: ["*"] }];
    expect(
      await failuresOf("iam-no-wildcard-permissions", [iamPolicy({ rules }, { flatToken: true })]),
    ).toHaveLength(1);
  });

  it("fails a full-access set outside the allow list", async () => {
    const rules = [{ projectIds: [PROJECT_ID], permissionSetNames: ["SecretManagerFullAccess"] }];
    const [failure] = await failuresOf("iam-no-broad-permission-sets", [iamPolicy({ rules })]);
    expect(failure.message).toContain("broad set SecretManagerFullAccess");
  });

  it("fails an AllProducts set", async () => {
    const rules = [{ projectIds: [PROJECT_ID], permissionSetNames: ["AllProductsFullAccess"] }];
    expect(await failuresOf("iam-no-broad-permission-sets", [iamPolicy({ rules })])).toHaveLength(1);
  });

  it("fails an allowed broad set granted to a runtime application", async () => {
    const rules = [{ projectIds: [PROJECT_ID], permissionSetNames: ["ContainersFullAccess"] }];
    const [failure] = await failuresOf("iam-no-broad-permission-sets", [iamPolicy({ rules })]);
    expect(failure.message).toContain("runtime application");
  });

  it("accepts an allowed broad set on the deployer's policy", async () => {
    const rules = [{ projectIds: [PROJECT_ID], permissionSetNames: ["ContainersFullAccess"] }];
    const deployer = iamPolicy({ rules, tags: ["env:production", "role:deployer"] });
    expect(await failuresOf("iam-no-broad-permission-sets", [deployer])).toEqual([]);
  });

  it("fails an organization-wide rule for a runtime application", async () => {
    const rules = [{ organizationId: ORGANIZATION_ID, permissionSetNames: ["SecretManagerSecretAccess"] }];
    const [failure] = await failuresOf("iam-no-organization-wide-runtime-rules", [iamPolicy({ rules })]);
    expect(failure.message).toMatch(
      /^\[SECU-3\] `rules\[0\]` applies to the whole organization.*scope it with `projectIds`/,
    );
  });

  it("accepts an organization-scoped set given organization-wide on a group's policy", async () => {
    const rules = [{ organizationId: ORGANIZATION_ID, permissionSetNames: ["ProjectReadOnly"] }];
    const forGroup = iamPolicy({
      rules,
      applicationId: undefined,
      groupId: "5d6e7f80-0000-4000-8000-000000000001",
    });
    expect(await findingsOf("iam-no-organization-wide-runtime-rules", [forGroup])).toEqual([]);
  });

  describe("admin-equivalent sets (fact iam.self-granting-permission-sets)", () => {
    it.each([
      "IAMManager",
      "OrganizationManager",
      "IAMPolicyManager",
      "IAMGroupManager",
      "IAMApplicationManager",
      "IAMUserManager",
    ])("fails %s on a runtime application's policy", async (set) => {
      const rules = [{ projectIds: [PROJECT_ID], permissionSetNames: [set] }];
      const [failure] = await failuresOf("iam-no-broad-permission-sets", [iamPolicy({ rules })]);
      expect(failure.message).toContain(`grants ${set}, an admin-equivalent set`);
    });

    it("fails IAMManager on the deployer's policy too", async () => {
      const rules = [{ organizationId: ORGANIZATION_ID, permissionSetNames: ["IAMManager"] }];
      const deployer = iamPolicy({ rules, tags: ["env:production", "role:deployer"] });
      const [failure] = await failuresOf("iam-no-broad-permission-sets", [deployer]);
      expect(failure.message).toContain("the deployer included");
    });

    it("fails OrganizationManager on a group's policy", async () => {
      const rules = [{ organizationId: ORGANIZATION_ID, permissionSetNames: ["OrganizationManager"] }];
      const forGroup = iamPolicy({
        rules,
        applicationId: undefined,
        groupId: "5d6e7f80-0000-4000-8000-000000000001",
      });
      expect(await failuresOf("iam-no-broad-permission-sets", [forGroup])).toHaveLength(1);
    });

    it("judges a set name as Scaleway spells it: stray spaces and letter case do not hide it", async () => {
      const rules = [
        { projectIds: [PROJECT_ID], permissionSetNames: ["iammanager", "SecretManagerFullAccess "] },
      ];
      const failures = await failuresOf("iam-no-broad-permission-sets", [iamPolicy({ rules })]);
      expect(failures.map((f) => f.message)).toEqual([
        expect.stringContaining('"iammanager" (IAMManager), an admin-equivalent set'),
        expect.stringContaining('broad set "SecretManagerFullAccess " (SecretManagerFullAccess)'),
      ]);
    });

    it("fails the other manager sets as broad (ProjectManager, BillingManager)", async () => {
      const rules = [
        { organizationId: ORGANIZATION_ID, permissionSetNames: ["ProjectManager", "BillingManager"] },
      ];
      const forGroup = iamPolicy({
        rules,
        applicationId: undefined,
        groupId: "5d6e7f80-0000-4000-8000-000000000001",
      });
      expect(await failuresOf("iam-no-broad-permission-sets", [forGroup])).toHaveLength(2);
    });
  });

  describe("organization-wide rules of other principals (fact iam.organization-rule-scope)", () => {
    it("fails the deployer's project-scoped sets given organization-wide", async () => {
      const rules = [{ organizationId: ORGANIZATION_ID, permissionSetNames: ["ContainersFullAccess"] }];
      const deployer = iamPolicy({ rules, tags: ["env:production", "role:deployer"] });
      const [failure] = await failuresOf("iam-no-organization-wide-runtime-rules", [deployer]);
      expect(failure.message).toMatch(
        /^\[SECU-3\] `rules\[0\]` gives the project-scoped set ContainersFullAccess to the whole organization.*every Project/,
      );
      // Project-scoped, the same set is the deployer's to hold.
      const scoped = iamPolicy({
        rules: [{ projectIds: [PROJECT_ID], permissionSetNames: ["ContainersFullAccess"] }],
        tags: ["env:production", "role:deployer"],
      });
      expect(await findingsOf("iam-no-organization-wide-runtime-rules", [scoped])).toEqual([]);
    });

    it("fails a group's project-scoped set given organization-wide", async () => {
      const rules = [
        { organizationId: ORGANIZATION_ID, permissionSetNames: ["ProjectReadOnly", "ContainersReadOnly"] },
      ];
      const forGroup = iamPolicy({
        rules,
        applicationId: undefined,
        groupId: "5d6e7f80-0000-4000-8000-000000000001",
      });
      const [failure] = await failuresOf("iam-no-organization-wide-runtime-rules", [forGroup]);
      expect(failure.message).toContain("project-scoped set ContainersReadOnly to the whole organization");
    });
  });

  it("fails an IAM policy without a description", async () => {
    const [failure] = await failuresOf("iam-policy-documented", [iamPolicy({ description: undefined })]);
    expect(failure.message).toMatch(/^\[COMP-4\] the IAM policy has no `description`/);
  });
});
