// Policies on resource types the pack did not look at before (issue 12): public registry namespaces,
// IAM API keys (owner, expiry, secret key among the stack's outputs) and administrator database
// users. Each test starts from a compliant baseline and changes one input, under both type tokens.
import type { PlannedResource } from "../../cli/plan/model";
import { UNKNOWN } from "../../cli/plan/model";
import { ROOT_STACK_TYPE } from "../../policies/iam-api-keys";
import { evaluate, failuresOf, findingsOf, resource, urnOf } from "./helpers";

const APPLICATION_ID = "7c1d2e3f-0000-4000-8000-00000000000b";
const USER_ID = "5a5a5a5a-0000-4000-8000-000000000003";
const SECRET_KEY = "0f0f0f0f-1111-4222-8333-444444444444";

const namespace = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource(
    "registryNamespace",
    "images",
    { name: "images-production", isPublic: false, region: "fr-par", ...overrides },
    options,
  );

const apiKey = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource(
    "iamApiKey",
    "ci-key",
    {
      applicationId: APPLICATION_ID,
      description: "CI deployer",
      expiresAt: "2027-01-01T00:00:00Z",
      ...overrides,
    },
    options,
  );

const user = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource(
    "databaseUser",
    "app",
    { instanceId: "fr-par/aa11", name: "app", isAdmin: false, ...overrides },
    options,
  );

/** The root stack resource: its props are the program's exports, as the engine's stack analysis sees them. */
function rootStack(outputs: Record<string, unknown>): PlannedResource {
  return {
    urn: urnOf("production", ROOT_STACK_TYPE, "scaleway-infra-production"),
    type: ROOT_STACK_TYPE,
    name: "scaleway-infra-production",
    custom: false,
    dependencies: [],
    props: outputs,
    secretPaths: [],
  };
}

describe("SECU-2: registry namespaces are private", () => {
  it.each([false, true])("passes a private namespace (flat token: %s)", async (flatToken) => {
    expect(await findingsOf("registry-namespace-private", [namespace({}, { flatToken })])).toEqual([]);
  });

  it.each([false, true])("fails a public namespace, naming isPublic (flat token: %s)", async (flatToken) => {
    const [failure] = await failuresOf("registry-namespace-private", [
      namespace({ isPublic: true }, { flatToken }),
    ]);
    expect(failure.message).toMatch(/^\[SECU-2\] `isPublic` is true: anyone can pull/);
    expect(failure.enforcementLevel).toBe("mandatory");
  });

  it("is undecided when isPublic is computed at preview", async () => {
    const findings = await findingsOf("registry-namespace-private", [namespace({ isPublic: UNKNOWN })]);
    expect(findings.map((f) => f.status)).toEqual(["indeterminate"]);
  });
});

describe("IAM API keys", () => {
  it.each(["iam-api-key-of-application", "iam-api-key-expires"])(
    "an application's key with an expiry passes %s",
    async (policy) => {
      expect(await findingsOf(policy, [apiKey()])).toEqual([]);
    },
  );

  it.each([false, true])("fails a key bound to a user (flat token: %s)", async (flatToken) => {
    const [failure] = await failuresOf("iam-api-key-of-application", [
      apiKey({ applicationId: undefined, userId: USER_ID }, { flatToken }),
    ]);
    expect(failure.message).toMatch(/^\[SECU-3\] the API key is bound to a user \(`userId`\)/);
  });

  it("fails a user's key whose user ID is computed: it is a user's key all the same", async () => {
    expect(
      await failuresOf("iam-api-key-of-application", [apiKey({ applicationId: undefined, userId: UNKNOWN })]),
    ).toHaveLength(1);
  });

  it.each([false, true])(
    "reports a key without expiresAt as an advisory violation (flat token: %s)",
    async (flatToken) => {
      const [failure] = await failuresOf("iam-api-key-expires", [
        apiKey({ expiresAt: undefined }, { flatToken }),
      ]);
      expect(failure.message).toMatch(/^\[SECU-3\] the API key sets no `expiresAt`/);
      expect(failure.enforcementLevel).toBe("advisory");
    },
  );

  describe("its secret key among the stack's outputs", () => {
    const POLICY = "iam-api-key-secret-not-exported";

    it("passes when no output carries the key's secret", async () => {
      const findings = await findingsOf(POLICY, [
        apiKey({ secretKey: SECRET_KEY }),
        rootStack({ accessKey: "SCWXXXXXXXXXXXXXXXXX", endpoint: "https://example.eu" }),
      ]);
      expect(findings).toEqual([]);
    });

    it.each([false, true])(
      "fails an output that carries the secret key, however deep, without printing it (flat token: %s)",
      async (flatToken) => {
        const key = apiKey({ secretKey: SECRET_KEY }, { flatToken });
        const [failure] = await failuresOf(POLICY, [key, rootStack({ ci: { credentials: [SECRET_KEY] } })]);
        expect(failure.message).toMatch(
          /^\[SEC-3, SECU-1\] stack output `ci\.credentials\.0` carries the `secretKey` of API key ci-key/,
        );
        expect(failure.message).not.toContain(SECRET_KEY);
        expect(failure.urn).toBe(key.urn);
        const evaluation = await evaluate([key, rootStack({ ci: SECRET_KEY })]);
        expect(evaluation.rules.find((r) => r.ruleId === "SEC-3")?.status).toBe("fail");
      },
    );

    it("fails an output that embeds the secret key in a longer string", async () => {
      const key = apiKey({ secretKey: SECRET_KEY });
      const [failure] = await failuresOf(POLICY, [
        key,
        rootStack({ credentials: `SCWACCESSKEY:${SECRET_KEY}` }),
      ]);
      expect(failure.message).toMatch(/stack output `credentials` carries the `secretKey`/);
    });

    it("is undecided for a key created by this preview when some output is unknown too", async () => {
      const findings = await findingsOf(POLICY, [
        apiKey({ secretKey: UNKNOWN }),
        rootStack({ ciKey: UNKNOWN }),
      ]);
      expect(findings.map((f) => f.status)).toEqual(["indeterminate"]);
    });

    it("passes a key created by this preview when every output is known", async () => {
      expect(
        await findingsOf(POLICY, [
          apiKey({ secretKey: UNKNOWN }),
          rootStack({ endpoint: "https://example.eu" }),
        ]),
      ).toEqual([]);
    });

    it("is undecided when the stack's outputs are not visible at all", async () => {
      const findings = await findingsOf(POLICY, [apiKey({ secretKey: SECRET_KEY })]);
      expect(findings.map((f) => f.status)).toEqual(["indeterminate"]);
    });

    it("is undecided when the key's secretKey is not among its properties (a runner that shows inputs)", async () => {
      const findings = await findingsOf(POLICY, [apiKey(), rootStack({ ci: "anything" })]);
      expect(findings.map((f) => f.status)).toEqual(["indeterminate"]);
      expect(findings[0].message).toMatch(/is not among the properties given to the policy/);
    });

    it("does not apply to a stack without API keys", async () => {
      expect(await failuresOf(POLICY, [rootStack({ ci: SECRET_KEY })])).toEqual([]);
    });
  });
});

describe("DB-5 and SECU-3: database users are no administrators", () => {
  it.each([false, true])("passes an application user (flat token: %s)", async (flatToken) => {
    expect(await findingsOf("database-user-not-admin", [user({}, { flatToken })])).toEqual([]);
    expect(
      await findingsOf("database-user-not-admin", [user({ isAdmin: undefined }, { flatToken })]),
    ).toEqual([]);
  });

  it.each([false, true])("fails an administrator, naming isAdmin (flat token: %s)", async (flatToken) => {
    const [failure] = await failuresOf("database-user-not-admin", [user({ isAdmin: true }, { flatToken })]);
    expect(failure.message).toMatch(/^\[DB-5, SECU-3\] `isAdmin` is true/);
    expect(failure.enforcementLevel).toBe("mandatory");
  });

  it("is undecided when isAdmin is computed at preview", async () => {
    const findings = await findingsOf("database-user-not-admin", [user({ isAdmin: UNKNOWN })]);
    expect(findings.map((f) => f.status)).toEqual(["indeterminate"]);
  });
});
