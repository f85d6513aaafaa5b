// issue 11 §9: the offline plan names resources exactly as the engine does (the whole parent type
// chain, the engine's default providers), so a waiver written with a URN has the same effect in
// `scw-infra plan` and under `pulumi preview`. The expected names were read from the real engine's
// preview of the same programs (scripts/e2e.sh; tests/fixtures/scan/engine-hand-written-container.preview.json).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultProviderName } from "../../cli/plan/default-providers";
import { engineUrn, parseUrn } from "../../cli/plan/urn";
import { runCli } from "./cli-harness";

const RUNNERS_URN =
  "urn:pulumi:staging::scaleway-infra::scaleway-infra:environment:Environment$scaleway-infra:containers:ServerlessContainer$scaleway:containers/container:Container::staging-runners";

describe("engineUrn", () => {
  const base = { stack: "staging", project: "p" };
  it("gives a resource without parent its bare type", () => {
    expect(engineUrn({ ...base, type: "pulumi:pulumi:Stack", name: "p-staging" })).toBe(
      "urn:pulumi:staging::p::pulumi:pulumi:Stack::p-staging",
    );
  });

  it("does not put the root stack's type in its children's URNs", () => {
    const parent = "urn:pulumi:staging::p::pulumi:pulumi:Stack::p-staging";
    expect(engineUrn({ ...base, parent, type: "a:b:C", name: "c" })).toBe("urn:pulumi:staging::p::a:b:C::c");
  });

  it("chains every ancestor's type", () => {
    const parent = "urn:pulumi:staging::p::a:b:Env$a:b:Svc::svc";
    expect(engineUrn({ ...base, parent, type: "x:y/z:Z", name: "z" })).toBe(
      "urn:pulumi:staging::p::a:b:Env$a:b:Svc$x:y/z:Z::z",
    );
  });
});

describe("parseUrn", () => {
  it("reads the stack, the type chain, the type and a name holding `::`", () => {
    expect(parseUrn("urn:pulumi:s::p::a:b:C$d:e:F::n::m")).toEqual({
      stack: "s",
      project: "p",
      qualifiedType: "a:b:C$d:e:F",
      type: "d:e:F",
      name: "n::m",
    });
  });

  it.each([
    "",
    "urn:pulumi:s::p::n",
    "urn:aws:s::p::a:b:C::n",
    "urn:pulumi:s::::a:b:C::n",
    "urn:pulumi:s::p::C::n",
  ])("refuses %j", (urn) => expect(parseUrn(urn)).toBeUndefined());
});

describe("defaultProviderName", () => {
  it("names the Scaleway provider as the engine did in a real preview", () => {
    expect(defaultProviderName("1.54.0", "github://api.github.com/pulumiverse")).toBe(
      "default_1_54_0_github_/api.github.com/pulumiverse",
    );
  });

  it("keeps the version only, or nothing", () => {
    expect(defaultProviderName("4.21.2", "")).toBe("default_4_21_2");
    expect(defaultProviderName("", "")).toBe("default");
    expect(defaultProviderName("1.2.3-beta.1", "")).toBe("default_1_2_3_beta_1");
  });
});

interface PlanReport {
  resources: Array<{
    urn: string;
    type: string;
    custom: boolean;
    provider: string | null;
    inputs: Record<string, unknown>;
  }>;
  findings: Array<{ policy: string; status: string; urn: string | null }>;
}

describe("scw-infra plan URNs", () => {
  let report: PlanReport;
  beforeAll(async () => {
    // --show-values: the provider's inputs are read below (reports redact every value by default).
    const run = await runCli(["plan", "--stack", "staging", "--format", "json", "--show-values"]);
    report = JSON.parse(run.stdout) as PlanReport;
  });

  it("names the runners container with its whole parent type chain", () => {
    expect(report.resources.map((r) => r.urn)).toContain(RUNNERS_URN);
  });

  it("never puts the root stack's type in a URN's type chain", () => {
    expect(report.resources.filter((r) => r.urn.includes("pulumi:pulumi:Stack$"))).toEqual([]);
  });

  it("records the default Scaleway provider, with the stack file's region, as the engine registers it", () => {
    const provider = report.resources.find((r) => r.type === "pulumi:providers:scaleway");
    expect(provider?.urn).toBe(
      "urn:pulumi:staging::scaleway-infra::pulumi:providers:scaleway::default_1_54_0_github_/api.github.com/pulumiverse",
    );
    expect(provider?.inputs).toMatchObject({ region: "fr-par", zone: "fr-par-1", version: "1.54.0" });
  });

  it("gives every custom resource a provider that is in the plan", () => {
    const urns = new Set(report.resources.map((r) => r.urn));
    const withoutProvider = report.resources.filter(
      (r) =>
        r.custom &&
        !r.type.startsWith("pulumi:providers:") &&
        !urns.has((r.provider ?? "").slice(0, (r.provider ?? "").lastIndexOf("::"))),
    );
    expect(withoutProvider.map((r) => r.urn)).toEqual([]);
  });
});

/**
 * The fixture's waivers with "2999-12-31" (the fixtures' "still valid") as a date 30 days from today,
 * as scripts/e2e.sh does: a waiver may expire at most 180 days ahead.
 */
function waiversWithin180Days(file: string): string {
  const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "urn-waiver-")), "waivers.yaml");
  fs.writeFileSync(copy, fs.readFileSync(file, "utf8").replaceAll("2999-12-31", soon));
  return copy;
}

describe("a waiver written with the engine's URN", () => {
  it("waives the violation in plan as it does under pulumi preview", async () => {
    const run = await runCli([
      "plan",
      "--stack",
      "staging",
      "--config-file",
      "tests/e2e/fixtures/urn-waiver/stack.yaml",
      "--waivers",
      waiversWithin180Days("tests/e2e/fixtures/urn-waiver/waivers.yaml"),
      "--format",
      "json",
    ]);
    expect(run.code).toBe(0);
    const findings = (JSON.parse(run.stdout) as PlanReport).findings;
    expect(findings).toEqual([
      expect.objectContaining({ policy: "stack-monitoring-coverage", status: "waived", urn: RUNNERS_URN }),
    ]);
  });
});
