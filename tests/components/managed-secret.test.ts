import * as pulumi from "@pulumi/pulumi";
import { ManagedSecret } from "../../components/secrets/managed-secret";
import {
  decodeSecretValue,
  ephemeralPoliciesOf,
  policyRulesOf,
  principalOf,
  rotationTagsOf,
  scalewaySecretTypeOf,
  secretNameParts,
} from "../../components/secrets/secret-inputs";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { PROJECT_ID, placement, secretSpec } from "./support/fixtures";
import {
  installMocks,
  isSecretValue,
  parentTypeOf,
  plainStrings,
  settle,
  unwrapSecrets,
  valueOf,
} from "./support/recording-mocks";

const SECRET = "scaleway:secrets/secret:Secret";
const VERSION = "scaleway:secrets/version:Version";
const POLICY = "scaleway:iam/policy:Policy";
const CANARY = "canary-runners-api-key-7f3a";

describe("secret inputs", () => {
  it("splits a secret name into environment, service and type", () => {
    expect(secretNameParts("production-documentation-database_url")).toEqual({
      env: "production",
      service: "documentation",
      type: "database_url",
    });
  });

  it("rejects a name that is not env-service-type with SEC-1", () => {
    expect(() => secretNameParts("docs-password", 3)).toThrow(InfraError);
  });

  it("maps certificate to certificate and every other type to opaque", () => {
    expect(scalewaySecretTypeOf("certificate")).toBe("certificate");
    expect(scalewaySecretTypeOf("api_key")).toBe("opaque");
    expect(scalewaySecretTypeOf("database_url")).toBe("opaque");
  });

  it("enforces rotation as an expiry of the period, capped at a year", () => {
    expect(ephemeralPoliciesOf({ enabled: true, period_days: 90 })).toEqual([
      { ttl: "2160h", action: "disable" },
    ]);
    expect(ephemeralPoliciesOf({ enabled: true, period_days: 730 })).toEqual([
      { ttl: "8760h", action: "disable" },
    ]);
    expect(ephemeralPoliciesOf({ enabled: false })).toBeUndefined();
    expect(rotationTagsOf({ enabled: true, period_days: 90 })).toEqual([
      "rotation:enabled",
      "rotation-period-days:90",
    ]);
  });

  it("decodes base64 and refuses a value that is not base64, without echoing it", () => {
    expect(decodeSecretValue(Buffer.from(CANARY).toString("base64"), "s")).toBe(CANARY);
    try {
      decodeSecretValue("not base64: hunter2!", "production-runners-api_key", 4);
      throw new Error("expected an InfraError");
    } catch (error) {
      const infra = error as InfraError;
      expect(infra.code).toBe("INFRA_001");
      expect(infra.problems[0]).toMatchObject({ rule: "SEC-3", path: "/4/value", redacted: true });
      expect(JSON.stringify(infra.toErrorResponse())).not.toContain("hunter2");
    }
  });

  it("parses each principal form and rejects unknown ones", () => {
    expect(principalOf("application:runners")).toMatchObject({
      kind: "application",
      ref: "runners",
      managed: true,
    });
    expect(principalOf("user:0f0f0f0f-0000-4000-8000-000000000001")).toMatchObject({
      kind: "user",
      managed: false,
    });
    expect(principalOf("group:0f0f0f0f-0000-4000-8000-000000000002").kind).toBe("group");
    expect(principalOf("application_id:0f0f0f0f-0000-4000-8000-000000000003")).toMatchObject({
      kind: "application",
      managed: false,
    });
    expect(() => principalOf("everyone:*")).toThrow(InfraError);
  });

  it("scopes policy rules to the project only", () => {
    expect(policyRulesOf(PROJECT_ID, ["SecretManagerSecretAccess"])).toEqual([
      { projectIds: [PROJECT_ID], permissionSetNames: ["SecretManagerSecretAccess"] },
    ]);
  });
});

describe("ManagedSecret component", () => {
  async function build(spec = secretSpec(), env: "production" | "staging" = "production") {
    const mocks = await installMocks(env);
    const secret = new ManagedSecret(spec.name, {
      placement: { ...placement, env },
      spec,
      source: { kind: "stack", base64: pulumi.secret(spec.value ?? "") },
      services: ["documentation", "runners"],
    });
    await valueOf(secret.secretId);
    await settle(mocks);
    return { mocks, secret };
  }

  it("creates a protected secret at /<env>/<service> with type, rotation expiry and tags", async () => {
    const { mocks } = await build();
    expect(mocks.one(SECRET).inputs).toMatchObject({
      name: "production-runners-api_key",
      path: "/production/runners",
      type: "opaque",
      protected: true,
      ephemeralPolicies: [{ ttl: "2160h", action: "disable" }],
      projectId: PROJECT_ID,
      region: "fr-par",
    });
    expect(mocks.one(SECRET).inputs.tags).toEqual(
      expect.arrayContaining(["env:production", "service:runners", "rotation:enabled"]),
    );
  });

  it("leaves staging secrets unprotected", async () => {
    const spec = secretSpec({ name: "staging-runners-api_key", environment: "staging" });
    const { mocks } = await build(spec, "staging");
    expect(mocks.one(SECRET).inputs.protected).toBe(false);
  });

  it("stores the decoded value in the version, only as a Pulumi secret", async () => {
    const { mocks, secret } = await build();
    const data = mocks.one(VERSION).inputs.data;
    expect(isSecretValue(data)).toBe(true);
    expect(unwrapSecrets(data)).toBe(CANARY);
    expect(await pulumi.isSecret(secret.value)).toBe(true);
  });

  it("never shows the plaintext value in a non-secret input", async () => {
    const { mocks } = await build();
    const leaks = mocks.resources
      .flatMap((r) => plainStrings(r.inputs))
      .filter((s) => s.value.includes(CANARY));
    expect(leaks).toEqual([]);
  });

  it("creates no IAM application or policy for a service of the environment (it gets the value as a secret variable)", async () => {
    const { mocks } = await build();
    expect(mocks.ofType(POLICY)).toHaveLength(0);
    expect(mocks.ofType("scaleway:iam/application:Application")).toHaveLength(0);
  });

  it("grants each external principal the listed permission sets on this project only", async () => {
    const spec = secretSpec({
      access_policy: {
        principals: [
          "application:runners",
          "application_id:0f0f0f0f-0000-4000-8000-000000000003",
          "group:0f0f0f0f-0000-4000-8000-000000000002",
        ],
        permissions: ["SecretManagerSecretAccess"],
      },
    });
    const { mocks } = await build(spec);
    const policies = mocks.ofType(POLICY);
    expect(policies).toHaveLength(2);
    expect(policies[0].inputs).toMatchObject({
      applicationId: "0f0f0f0f-0000-4000-8000-000000000003",
      rules: policyRulesOf(PROJECT_ID, ["SecretManagerSecretAccess"]),
    });
    expect(policies[1].inputs.groupId).toBe("0f0f0f0f-0000-4000-8000-000000000002");
    expect(
      policies.every(
        (p) =>
          typeof p.inputs.description === "string" && (p.inputs.tags as string[]).includes("env:production"),
      ),
    ).toBe(true);
    expect(
      policies.every((p) =>
        (p.inputs.rules as Array<Record<string, unknown>>).every((r) => r.organizationId === undefined),
      ),
    ).toBe(true);
  });

  it("refuses an application principal that names no service", async () => {
    await installMocks();
    const spec = secretSpec({
      access_policy: { principals: ["application:streamlit"], permissions: ["SecretManagerSecretAccess"] },
    });
    expect(
      () =>
        new ManagedSecret("s", {
          placement,
          spec,
          source: { kind: "stack", base64: "" },
          services: ["documentation", "runners"],
        }),
    ).toThrow(/no application/);
  });

  it("takes a derived plaintext value as a secret too", async () => {
    const mocks = await installMocks();
    const spec = secretSpec({
      name: "production-runners-database_url",
      type: "database_url",
      value: undefined,
    });
    const secret = new ManagedSecret(spec.name, {
      placement,
      spec,
      source: { kind: "derived", plaintext: "postgresql://runners:pw@h:5432/db" },
      services: ["runners"],
    });
    await valueOf(secret.secretId);
    await settle(mocks);
    expect(await pulumi.isSecret(secret.value)).toBe(true);
    expect(isSecretValue(mocks.one(VERSION).inputs.data)).toBe(true);
  });

  it("parents every child to the component", async () => {
    const { mocks } = await build(
      secretSpec({
        access_policy: {
          principals: ["group:0f0f0f0f-0000-4000-8000-000000000002"],
          permissions: ["SecretManagerSecretAccess"],
        },
      }),
    );
    const children = mocks.resources.filter((r) => r.custom);
    expect(children).toHaveLength(3);
    for (const child of children)
      expect(parentTypeOf(child.urn ?? "")).toBe("scaleway-infra:secrets:ManagedSecret");
  });
});
