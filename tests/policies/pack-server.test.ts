// The pack as the engine runs it: `policies/` started through @pulumi/pulumi's run-policy-pack (the
// entry the language host uses, TypeScript compiled by ts-node with policies/tsconfig.json), then
// spoken to over the Analyzer gRPC protocol, with properties as the engine serializes them (unknowns
// as sentinel strings). Only loopback is used.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { allPolicies } from "../../policies/all";
import { ROOT_STACK_TYPE } from "../../policies/iam-api-keys";
import { UNKNOWN_STRING_SENTINEL } from "../../policies/unknown-values";
import { containerProps, databaseProps, resource, urnOf } from "./helpers";

const POLICIES_DIR = join(__dirname, "..", "..", "policies");

let pack: ChildProcess;
let client: analyzerGrpc.AnalyzerClient;

function startPack(env: NodeJS.ProcessEnv): Promise<number> {
  // The workspace install hoists @pulumi/pulumi to the root node_modules; resolve it as Node would from the pack.
  const runPolicyPack = join(
    dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [POLICIES_DIR] })),
    "cmd",
    "run-policy-pack",
  );
  pack = spawn(process.execPath, [runPolicyPack, "127.0.0.1:1", "."], {
    cwd: POLICIES_DIR,
    env: { ...process.env, ...env },
  });
  let stderr = "";
  pack.stderr?.on("data", (chunk) => (stderr += String(chunk)));
  return new Promise((resolve, reject) => {
    pack.stdout?.once("data", (chunk) => resolve(Number(String(chunk).trim())));
    pack.once("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
  });
}

/** Properties as the engine sends them: JSON, where an absent input is absent, not undefined. */
function struct(props: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(props)) as never);
}

/** The options the engine sends: the SDK's `additionalSecretOutputs` among them. */
function options(secretOutputs: readonly string[] = []): analyzer.AnalyzerResourceOptions {
  return new analyzer.AnalyzerResourceOptions()
    .setProtect(false)
    .setAdditionalsecretoutputsList([...secretOutputs]);
}

function analyzeRequest(
  type: string,
  urn: string,
  name: string,
  props: Record<string, unknown>,
  secretOutputs: readonly string[] = [],
): analyzer.AnalyzeRequest {
  return new analyzer.AnalyzeRequest()
    .setType(type)
    .setUrn(urn)
    .setName(name)
    .setProperties(struct(props))
    .setOptions(options(secretOutputs));
}

/** A Pulumi secret as the engine sends it (MarshalOptions{KeepSecrets: true}): the secret signature. */
function secret(value: unknown): Record<string, unknown> {
  return { [specialSigKey]: specialSecretSig, value };
}

/** An AnalyzeStack request of the given resources, each with its additionalSecretOutputs. */
function stackRequest(
  resources: readonly {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
    secrets?: string[];
  }[],
): analyzer.AnalyzeStackRequest {
  return new analyzer.AnalyzeStackRequest().setResourcesList(
    resources.map((r) =>
      new analyzer.AnalyzerResource()
        .setType(r.type)
        .setUrn(r.urn)
        .setName(r.name)
        .setProperties(struct(r.props))
        .setOptions(options(r.secrets ?? [])),
    ),
  );
}

type Callback<Res> = (error: grpc.ServiceError | null, response: Res) => void;

/** Promisifies one unary call; the overloaded client methods are narrowed to their simplest form. */
function call<Req, Res>(
  method: (request: Req, callback: Callback<Res>) => unknown,
  request: Req,
): Promise<Res> {
  return new Promise((resolve, reject) =>
    method.call(client, request, (error: grpc.ServiceError | null, response: Res) =>
      error ? reject(error) : resolve(response),
    ),
  );
}

interface Diagnostic {
  policy: string;
  message: string;
  level: "advisory" | "mandatory" | "disabled" | "remediate";
  urn: string;
}

function diagnostics(response: analyzer.AnalyzeResponse): Diagnostic[] {
  const levels = ["advisory", "mandatory", "disabled", "remediate"] as const;
  return response.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    message: d.getMessage(),
    level: levels[d.getEnforcementlevel()],
    urn: d.getUrn(),
  }));
}

/** A container as the SDK registers it: its secret variables among the additional secret outputs. */
async function analyze(
  props: Record<string, unknown>,
  flatToken = false,
  secretOutputs?: readonly string[],
): Promise<Diagnostic[]> {
  const planned = resource("container", "documentation", props, { flatToken });
  return diagnostics(
    await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(
      client.analyze,
      analyzeRequest(
        planned.type,
        planned.urn,
        planned.name,
        props,
        secretOutputs ?? planned.additionalSecretOutputs ?? [],
      ),
    ),
  );
}

const SOON = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "pack-waivers-"));
  const waivers = join(dir, "waivers.yaml");
  writeFileSync(
    waivers,
    // Within the 180-day horizon the pack enforces, whatever day the test runs.
    `- policy: container-privacy-explicit\n  name: documentation\n  reason: public docs site\n  owner: web-team\n  expires: ${SOON}\n`,
  );
  const port = await startPack({ SCW_INFRA_WAIVERS_FILE: waivers });
  client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 60000);

afterAll(() => {
  client?.close();
  pack?.kill();
});

describe("the policy pack under the engine's Analyzer protocol", () => {
  it("describes every policy with its severity, framework and rule-ID tags", async () => {
    const info = await call<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo, new Empty());
    expect(info.getName()).toBe("scaleway-infra-policies");
    const served = info.getPoliciesList();
    expect(served.map((p) => p.getName()).sort()).toEqual(
      allPolicies()
        .map((p) => p.name)
        .sort(),
    );
    const scaling = served.find((p) => p.getName() === "container-scaling-redundant");
    expect(scaling?.getTagsList()).toEqual(["CTR-4", "PERF-1"]);
    expect(scaling?.getFramework()?.getVersion()).toBe("2025-11-07");
    expect(scaling?.getEnforcementlevel()).toBe(analyzer.EnforcementLevel.MANDATORY);
  });

  it("passes a compliant container", async () => {
    expect(await analyze(containerProps())).toEqual([]);
  });

  it("reports secret variables that are not declared secret outputs, as state would keep them in clear", async () => {
    const found = await analyze(containerProps(), false, []);
    expect(found.map((d) => [d.policy, d.level])).toEqual([["secret-inputs-stored-as-secrets", "mandatory"]]);
  });

  it("reports minScale 1 in production as a mandatory CTR-4 violation, under the flat token too", async () => {
    for (const flatToken of [false, true]) {
      const [diagnostic] = await analyze(containerProps({ minScale: 1 }), flatToken);
      expect(diagnostic).toMatchObject({ policy: "container-scaling-redundant", level: "mandatory" });
      expect(diagnostic.message).toContain("[CTR-4, PERF-1] `minScale` is 1 in environment production");
    }
  });

  it("reports an unknown value as the engine's advisory 'can't run policy during preview'", async () => {
    const [diagnostic] = await analyze(containerProps({ minScale: UNKNOWN_STRING_SENTINEL }));
    expect(diagnostic.level).toBe("advisory");
    expect(diagnostic.message).toMatch(
      /^can't run policy 'container-scaling-redundant' from policy pack .* during preview: .*\.minScale/,
    );
  });

  it("downgrades a waived violation to advisory with the waiver named", async () => {
    const [diagnostic] = await analyze(containerProps({ privacy: undefined }));
    expect(diagnostic).toMatchObject({ policy: "container-privacy-explicit", level: "advisory" });
    expect(diagnostic.message).toContain("waived by");
    expect(diagnostic.message).toContain(`(owner web-team, until ${SOON}): public docs site`);
  });

  it("runs stack policies on the stack's resources", async () => {
    const db = resource("databaseInstance", "documentation-db", databaseProps({ privateNetwork: undefined }));
    const analyzerResource = new analyzer.AnalyzerResource()
      .setType(db.type)
      .setUrn(db.urn)
      .setName(db.name)
      .setProperties(struct(db.props))
      .setOptions(options());
    const response = await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(
      client.analyzeStack,
      new analyzer.AnalyzeStackRequest().setResourcesList([analyzerResource]),
    );
    const found = diagnostics(response).find((d) => d.policy === "database-network-access-defined");
    expect(found).toMatchObject({ level: "mandatory", urn: db.urn });
  });

  it("serves each policy at the level its severity gives it: a low documentation policy is advisory", async () => {
    const info = await call<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo, new Empty());
    const level = (name: string) =>
      info
        .getPoliciesList()
        .find((p) => p.getName() === name)
        ?.getEnforcementlevel();
    expect(level("iam-policy-documented")).toBe(analyzer.EnforcementLevel.ADVISORY);
    expect(level("database-acl-documented")).toBe(analyzer.EnforcementLevel.ADVISORY);
    expect(level("iam-api-key-secret-not-exported")).toBe(analyzer.EnforcementLevel.MANDATORY);
  });

  it("sees a Pulumi secret as its plain value, so a secret variable and a literal look the same (CTR-6)", async () => {
    const container = resource("container", "documentation", containerProps());
    const diagnosticsFor = async (value: unknown) =>
      diagnostics(
        await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(
          client.analyzeStack,
          stackRequest([
            {
              ...container,
              props: { ...container.props, secretEnvironmentVariables: { DATABASE_URL: value } },
              secrets: ["secretEnvironmentVariables"],
            },
          ]),
        ),
      ).filter((d) => d.policy === "container-secret-variables-declared");
    const fromSecret = await diagnosticsFor(secret("from-config-secret-2026"));
    const fromLiteral = await diagnosticsFor("from-config-secret-2026");
    expect(fromSecret).toEqual(fromLiteral);
    expect(fromSecret.map((d) => d.level)).toEqual(["advisory"]);
    expect(fromSecret[0].message).toMatch(
      /^can't run policy 'container-secret-variables-declared' .*cannot tell a Pulumi secret from a literal/,
    );
  });

  it("sees the root stack's outputs, secrets unwrapped, and reports an exported API secret key", async () => {
    const key = resource("iamApiKey", "ci-key", { applicationId: "7c1d2e3f-0000-4000-8000-00000000000b" });
    const secretKey = "0f0f0f0f-1111-4222-8333-444444444444";
    const response = await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(
      client.analyzeStack,
      stackRequest([
        { ...key, props: { ...key.props, secretKey: secret(secretKey) }, secrets: ["secretKey"] },
        {
          type: ROOT_STACK_TYPE,
          urn: urnOf("production", ROOT_STACK_TYPE, "scaleway-infra-production"),
          name: "scaleway-infra-production",
          props: { ciSecretKey: secret(secretKey) },
        },
      ]),
    );
    const [found] = diagnostics(response).filter((d) => d.policy === "iam-api-key-secret-not-exported");
    expect(found).toMatchObject({ level: "mandatory", urn: key.urn });
    expect(found.message).toContain("stack output `ciSecretKey` carries the `secretKey` of API key ci-key");
    expect(found.message).not.toContain(secretKey);
  });

  it("honours a policy pack config that disables a policy", async () => {
    const request = new analyzer.ConfigureAnalyzerRequest();
    request
      .getPolicyconfigMap()
      .set(
        "container-scaling-redundant",
        new analyzer.PolicyConfig()
          .setEnforcementlevel(analyzer.EnforcementLevel.DISABLED)
          .setProperties(struct({})),
      );
    await call<analyzer.ConfigureAnalyzerRequest, Empty>(client.configure, request);
    expect((await analyze(containerProps({ minScale: 1 }))).map((d) => d.policy)).not.toContain(
      "container-scaling-redundant",
    );
  });
});
