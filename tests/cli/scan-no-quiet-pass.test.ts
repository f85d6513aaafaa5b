// issue 11 §10: a scan never passes a rule it could not decide: a location that comes from a provider
// configuration it cannot see, inputs masked as `[secret]`, and summary rules over undecided rules.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";
import { previewDocument } from "../plan/preview-summary";

const P = "urn:pulumi:staging::scaleway-infra::";
const PROVIDER_URN = `${P}pulumi:providers:scaleway::default_1_54_0`;
const PROVIDER_ID = "0b9a7c1e-5d3f-4a2b-8c6d-1e0f2a3b4c5d";

interface Report {
  rules: Array<{ ruleId: string; status: string }>;
}
const status = (report: Report, id: string) => report.rules.find((r) => r.ruleId === id)?.status;

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-quiet-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function scan(doc: unknown) {
  const file = path.join(dir, `scan-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  const run = await runCli(["scan", file, "--format", "json"]);
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

/** A preview of one container namespace that sets no region, with or without a default provider. */
function namespacePreview(providerInputs?: Record<string, unknown>) {
  const steps: unknown[] = [];
  if (providerInputs) {
    steps.push({
      op: "create",
      urn: PROVIDER_URN,
      newState: {
        urn: PROVIDER_URN,
        custom: true,
        type: "pulumi:providers:scaleway",
        inputs: providerInputs,
      },
    });
  }
  const urn = `${P}scaleway:containers/namespace:Namespace::services`;
  steps.push({
    op: "create",
    urn,
    provider: providerInputs ? `${PROVIDER_URN}::${PROVIDER_ID}` : "",
    newState: {
      urn,
      custom: true,
      type: "scaleway:containers/namespace:Namespace",
      inputs: { name: "services", tags: ["env:staging"] },
      ...(providerInputs ? { provider: `${PROVIDER_URN}::${PROVIDER_ID}` } : {}),
    },
  });
  return previewDocument(steps);
}

describe("data residency of a resource that sets no region (ENV-4, COMP-1)", () => {
  it("is indeterminate, not passed, when no provider configuration is visible", async () => {
    const { report } = await scan(namespacePreview());
    expect(status(report, "ENV-4")).toBe("indeterminate");
    expect(status(report, "COMP-1")).toBe("indeterminate");
  });

  it("is indeterminate when the default provider sets no region or zone either", async () => {
    const { report } = await scan(namespacePreview({ version: "1.54.0" }));
    expect(status(report, "COMP-1")).toBe("indeterminate");
  });

  it("passes on the default provider's EU region", async () => {
    const { report } = await scan(namespacePreview({ region: "fr-par", version: "1.54.0" }));
    expect(status(report, "ENV-4")).toBe("pass");
    expect(status(report, "COMP-1")).toBe("pass");
  });

  it("fails on the default provider's region outside the EU", async () => {
    const { code, report } = await scan(namespacePreview({ region: "us-east-1", version: "1.54.0" }));
    expect(code).toBe(1);
    expect(status(report, "COMP-1")).toBe("fail");
  });

  it("fails under --strict, where an undecided rule blocks", async () => {
    const file = path.join(dir, "strict.json");
    fs.writeFileSync(file, JSON.stringify(namespacePreview()));
    expect((await runCli(["scan", file, "--strict"])).code).toBe(1);
  });
});

describe("inputs a preview masks as [secret]", () => {
  it("leaves CTR-6 and SECU-1 indeterminate on a container whose secret variables are masked", async () => {
    const run = await runCli([
      "scan",
      "tests/fixtures/scan/staging-violation.preview.json",
      "--format",
      "json",
    ]);
    const report = JSON.parse(run.stdout) as Report;
    expect(status(report, "CTR-6")).toBe("indeterminate");
    expect(["indeterminate", "fail"]).toContain(status(report, "SECU-1"));
    expect(status(report, "SECU-1")).not.toBe("pass");
  });
});

describe("default providers in a real `pulumi preview --json` (no step of their own)", () => {
  const ENGINE_PREVIEW = "tests/fixtures/scan/engine-hand-written-container.preview.json";
  /** The engine's preview of the hand-written container fixture, its namespace without a region. */
  function withoutRegion(config?: Record<string, string>) {
    const doc = JSON.parse(fs.readFileSync(ENGINE_PREVIEW, "utf8")) as {
      steps: Array<{ urn: string; newState?: { inputs?: Record<string, unknown> } }>;
      config?: Record<string, string>;
    };
    const namespace = doc.steps.find((s) => s.urn.includes(":Namespace::"));
    delete namespace?.newState?.inputs?.region;
    if (config) doc.config = config;
    return doc;
  }

  it("judges a resource without a region on the stack config the default provider is built from", async () => {
    const { report } = await scan(withoutRegion({ "scaleway:region": "us-east-1" }));
    expect(status(report, "ENV-4")).toBe("fail");
  });

  it("passes it on an EU region in that config", async () => {
    const { report } = await scan(withoutRegion({ "scaleway:region": "nl-ams", "aws:region": "us-east-1" }));
    expect(status(report, "ENV-4")).toBe("pass");
  });

  it("is indeterminate when the preview shows no config at all", async () => {
    const { report } = await scan(withoutRegion());
    expect(status(report, "ENV-4")).toBe("indeterminate");
    expect(status(report, "COMP-1")).toBe("indeterminate");
  });
});

describe("a preview that leaves out unchanged resources", () => {
  it("is refused with INFRA_001 asking for --show-sames", async () => {
    const doc = JSON.parse(
      fs.readFileSync("tests/fixtures/scan/engine-hand-written-container.preview.json", "utf8"),
    ) as { changeSummary: Record<string, number> };
    doc.changeSummary = { same: 4, create: 3 };
    const file = path.join(dir, "no-sames.json");
    fs.writeFileSync(file, JSON.stringify(doc));
    const run = await runCli(["scan", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--show-sames");
  });
});
