// The new and changed policies on resources written from @pulumiverse/scaleway 1.54's own documented
// examples (the "Example Usage" blocks of registry/namespace, iam/apiKey, databases/user,
// secrets/version and containers/container), as a foreign program would write them: every finding
// must be true, and a compliant variant of the same program must satisfy them. Two views of the same
// program: under `pulumi preview` (the SDK's additionalSecretOutputs, secrets unwrapped without a
// mark) and under `scw-infra plan` (what the program itself made a Pulumi secret).
import type { PlannedResource } from "../../cli/plan/model";
import { evaluate, resource } from "./helpers";

const APPLICATION_ID = "3e3e3e3e-0000-4000-8000-000000000001";
const USER_ID = "4f4f4f4f-0000-4000-8000-000000000002";

/** How a view passes secret marks: the engine's (SDK option) or plan's (the program's own secrets). */
type View = "engine" | "plan";

function documented(view: View, compliant: boolean): PlannedResource[] {
  const planSecrets = (paths: string[]) =>
    view === "plan" ? { additionalSecretOutputs: null, secretPaths: compliant ? paths : [] } : {};
  return [
    // registry/namespace.d.ts, "Basic".
    resource("registryNamespace", "main", {
      name: "main-cr",
      description: "Main container registry",
      isPublic: false,
    }),
    // iam/apiKey.d.ts, "With user" and "With application"; the compliant variant is "With expiration".
    resource(
      "iamApiKey",
      "main",
      compliant
        ? { applicationId: APPLICATION_ID, expiresAt: "2027-12-03T00:00:00Z" }
        : { userId: USER_ID, description: "a description" },
    ),
    // databases/user.d.ts, "Basic user creation": an administrator named devtools.
    resource("databaseUser", "db_admin", {
      instanceId: "fr-par/11111111-0000-4000-8000-000000000003",
      name: "devtools",
      password: "from-random-password-2026",
      isAdmin: !compliant,
    }),
    // secrets/version.d.ts: `data: "my_new_secret"`, a literal; compliant, a config secret.
    resource(
      "secretVersion",
      "v1",
      {
        description: "version1",
        secretId: "fr-par/22222222-0000-4000-8000-000000000004",
        data: "my_new_secret",
      },
      planSecrets(["data"]),
    ),
    // containers/container.d.ts, "Basic": `secretEnvironmentVariables: { key: "secret" }`.
    resource(
      "container",
      "main",
      {
        name: "my-container",
        namespaceId: "fr-par/33333333-0000-4000-8000-000000000005",
        image: "nginx:latest",
        minScale: 3,
        maxScale: 5,
        environmentVariables: { foo: "var" },
        secretEnvironmentVariables: { key: "secret" },
      },
      planSecrets(["secretEnvironmentVariables.key"]),
    ),
  ];
}

const POLICIES = [
  "registry-namespace-private",
  "iam-api-key-of-application",
  "iam-api-key-expires",
  "database-user-not-admin",
  "secret-inputs-stored-as-secrets",
  "container-secret-variables-declared",
];

async function statuses(view: View, compliant: boolean): Promise<string[]> {
  const evaluation = await evaluate(documented(view, compliant), { stack: "dev" });
  return evaluation.findings
    .filter((f) => POLICIES.includes(f.policy))
    .map((f) => `${f.status} ${f.enforcementLevel} ${f.policy} ${f.resourceName ?? ""}`.trim())
    .sort();
}

describe("the pack on the provider's documented examples", () => {
  it("reports under the engine only what it can see: the user's key, the admin, the key's missing expiry", async () => {
    expect(await statuses("engine", false)).toEqual([
      "fail advisory iam-api-key-expires main",
      "fail mandatory database-user-not-admin db_admin",
      "fail mandatory iam-api-key-of-application main",
      // The literal `secretEnvironmentVariables.key` cannot be told from a Pulumi secret here.
      "indeterminate advisory container-secret-variables-declared",
    ]);
  });

  it("reports under plan the literals too: the version's data and the secret variable", async () => {
    expect(await statuses("plan", false)).toEqual([
      "fail advisory iam-api-key-expires main",
      "fail mandatory container-secret-variables-declared main",
      "fail mandatory database-user-not-admin db_admin",
      "fail mandatory iam-api-key-of-application main",
      "fail mandatory secret-inputs-stored-as-secrets main",
      "fail mandatory secret-inputs-stored-as-secrets v1",
    ]);
  });

  it("is satisfied by the compliant variant under plan, where Pulumi secrets are visible", async () => {
    expect(await statuses("plan", true)).toEqual([]);
  });

  it("never fails the compliant variant under the engine, and says what it cannot decide", async () => {
    expect(await statuses("engine", true)).toEqual([
      "indeterminate advisory container-secret-variables-declared",
    ]);
  });
});
