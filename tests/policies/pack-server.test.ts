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
import { allPolicies } from "../../policies/all";
import { UNKNOWN_STRING_SENTINEL } from "../../policies/unknown-values";
import { containerProps, databaseProps, resource } from "./helpers";

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
