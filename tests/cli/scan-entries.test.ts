// issue 11 §1: `scw-infra scan` judges every entry and every step op that is, or will be, live, and
// refuses what Pulumi never writes (two current entries for a URN, unknown ops, malformed URNs).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";
import { previewDocument } from "../plan/preview-summary";

const FIXTURES = "tests/fixtures/scan";
// Findings below are the mandatory ones: the fixtures' hand-written inputs (memoryLimit, healthChecks,
// DB-PRO2-XXS) also draw advisory Scaleway-fact findings (policies/scaleway-facts.ts), which say nothing
// about which scan entry is judged.
const CHECKPOINT = path.join(FIXTURES, "staging-compliant.checkpoint.json");
const CONTAINER_URN =
  "urn:pulumi:staging::scaleway-infra::scaleway:containers/container:Container::documentation";

interface Resource {
  urn: string;
  type: string;
  inputs: Record<string, unknown>;
  [key: string]: unknown;
}
interface Report {
  resources: Array<{ urn: string; scanEntry?: string | null }>;
  findings: Array<{
    policy: string;
    status: string;
    enforcementLevel: string;
    urn?: string;
    message: string;
    source?: { line: number };
  }>;
}

function checkpointResources(): Resource[] {
  const doc = JSON.parse(fs.readFileSync(CHECKPOINT, "utf8")) as {
    checkpoint: { latest: { resources: Resource[] } };
  };
  return doc.checkpoint.latest.resources;
}

/** A stack export of the compliant staging resources plus `extra` entries. */
function exportWith(extra: Resource[], edit: (resources: Resource[]) => void = () => undefined): string {
  const resources = checkpointResources();
  edit(resources);
  return JSON.stringify({ version: 3, deployment: { resources: [...resources, ...extra] } }, null, 2);
}

/** The compliant container, changed into a violating copy (one instance would pass; 0 is below CTR-4). */
function violatingContainer(flags: Record<string, unknown>): Resource {
  const container = checkpointResources().find((r) => r.urn === CONTAINER_URN) as Resource;
  return { ...container, ...flags, inputs: { ...container.inputs, minScale: 0, privacy: "public" } };
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-entries-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function scanText(text: string, ...args: string[]) {
  const file = path.join(dir, `scan-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, text);
  const run = await runCli(["scan", file, "--format", "json", ...args]);
  const report = run.code === 2 ? undefined : (JSON.parse(run.stdout) as Report);
  return { ...run, report };
}

describe("scan of a stack export with several entries for one URN", () => {
  it("passes the compliant baseline", async () => {
    expect((await scanText(exportWith([]))).code).toBe(0);
  });

  it("fails a violating pending delete (`delete: true`) beside a compliant current entry", async () => {
    const run = await scanText(exportWith([violatingContainer({ delete: true })]));
    expect(run.code).toBe(1);
    const failing =
      run.report?.findings.filter(
        (f) => f.status === "fail" && f.enforcementLevel === "mandatory" && f.urn === CONTAINER_URN,
      ) ?? [];
    expect(failing.map((f) => f.policy)).toContain("container-scaling-redundant");
    expect(failing.every((f) => /delete: true/.test(f.message))).toBe(true);
  });

  it("fails a violating pending delete written before the current entry", async () => {
    const run = await scanText(
      exportWith([], (resources) => resources.unshift(violatingContainer({ delete: true }))),
    );
    expect(run.code).toBe(1);
  });

  it("fails a violating pendingReplacement entry", async () => {
    const run = await scanText(exportWith([violatingContainer({ pendingReplacement: true })]));
    expect(run.code).toBe(1);
    expect(run.report?.findings.some((f) => /pendingReplacement/.test(f.message))).toBe(true);
  });

  it("judges a compliant current entry and a violating pending delete each on its own inputs", async () => {
    const run = await scanText(exportWith([violatingContainer({ delete: true })]));
    const entries = run.report?.resources.filter((r) => r.urn === CONTAINER_URN) ?? [];
    expect(entries.map((r) => r.scanEntry ?? "current").sort()).toEqual(["current", "pending-delete"]);
    // The current entry (minScale 1, private) has no finding of its own: every finding names the pending delete.
    const onContainer =
      run.report?.findings.filter(
        (f) => f.urn === CONTAINER_URN && f.status === "fail" && f.enforcementLevel === "mandatory",
      ) ?? [];
    expect(onContainer.length).toBeGreaterThan(0);
    expect(onContainer.every((f) => f.message.includes("delete: true"))).toBe(true);
  });

  it("locates a finding on the second entry at that entry's line", async () => {
    const text = exportWith([violatingContainer({ delete: true })]);
    const run = await scanText(text);
    const finding = run.report?.findings.find(
      (f) => f.urn === CONTAINER_URN && f.status === "fail" && f.enforcementLevel === "mandatory",
    );
    const lines = text.split("\n");
    const urnLines = lines.flatMap((line, i) => (line.includes(`"urn": "${CONTAINER_URN}"`) ? [i + 1] : []));
    expect(urnLines).toHaveLength(2);
    expect(finding?.source?.line).toBe(urnLines[1]);
  });

  it("refuses two current entries for one URN with INFRA_001 naming both", async () => {
    const duplicate = violatingContainer({});
    const run = await scanText(exportWith([duplicate]));
    expect(run.code).toBe(2);
    const error = JSON.parse(run.stdout) as {
      code: string;
      message: string;
      details: { problems: Array<{ path: string }> };
    };
    expect(error.code).toBe("INFRA_001");
    expect(error.message).toContain(CONTAINER_URN);
    expect(error.details.problems[0].path).toMatch(/^\/deployment\/resources\/\d+$/);
  });
});

describe("scan of malformed URNs", () => {
  const withUrn = (urn: string) =>
    exportWith([], (resources) => {
      const container = resources.find((r) => r.urn === CONTAINER_URN) as Resource;
      container.urn = urn;
    });

  it.each([
    ["no prefix", "documentation"],
    ["too few parts", "urn:pulumi:staging::scaleway-infra::documentation"],
    ["an empty stack", "urn:pulumi:::scaleway-infra::scaleway:containers/container:Container::documentation"],
    ["a type that is no token", "urn:pulumi:staging::scaleway-infra::container::documentation"],
    [
      "another type than the resource's",
      "urn:pulumi:staging::scaleway-infra::scaleway:containers/namespace:Namespace::documentation",
    ],
  ])("refuses a URN with %s with INFRA_001", async (_label, urn) => {
    const run = await scanText(withUrn(urn));
    expect(run.code).toBe(2);
    const error = JSON.parse(run.stdout) as { code: string; details: { problems: Array<{ path: string }> } };
    expect(error.code).toBe("INFRA_001");
    expect(error.details.problems[0].path).toMatch(/\/urn$/);
  });

  it("refuses a file whose URNs name two stacks", async () => {
    const run = await scanText(
      withUrn(CONTAINER_URN.replace("urn:pulumi:staging::", "urn:pulumi:production::")),
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("two stacks");
  });

  it("keeps a name that itself contains `::`", async () => {
    const run = await scanText(withUrn(`${CONTAINER_URN}::blue`));
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { resources: Array<{ urn: string; name: string }> };
    expect(report.resources.find((r) => r.urn === `${CONTAINER_URN}::blue`)?.name).toBe(
      "documentation::blue",
    );
  });
});

describe("scan of every step op of `pulumi preview --json`", () => {
  const EVERY_OP = path.join(FIXTURES, "every-op.preview.json");

  it("reads a preview holding every op, judging what each leaves live", async () => {
    const run = await runCli(["scan", EVERY_OP, "--format", "json"]);
    const report = JSON.parse(run.stdout) as Report;
    const urns = report.resources.map((r) => r.urn.split("::").slice(3).join("::"));
    expect(urns.sort()).toEqual(
      [
        "scaleway-infra-staging",
        "default_1_54_0",
        "staging-private",
        "staging-services",
        "main-staging",
        "documentation",
        "shared",
        "read-replaced",
        "main-staging-acl",
        "import-replaced",
        "staging-alert-rules",
        "kept",
      ].sort(),
    );
  });

  it("fails only the resource a delete leaves running (retainOnDelete)", async () => {
    const run = await runCli(["scan", EVERY_OP, "--format", "json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    const failed = new Set(
      report.findings
        .filter((f) => f.status === "fail" && f.enforcementLevel === "mandatory")
        .map((f) => f.urn?.split("::").pop()),
    );
    expect([...failed]).toEqual(["kept"]);
  });

  it("judges a refreshed resource on the update that follows the refresh", async () => {
    const run = await runCli(["scan", EVERY_OP, "--format", "json"]);
    const report = JSON.parse(run.stdout) as Report;
    // The refresh read 3 retention days; the update puts back 7, the staging value (DB-3).
    expect(report.findings.some((f) => f.policy === "database-backup-retention")).toBe(false);
  });

  function previewWith(steps: unknown[]): string {
    return JSON.stringify(previewDocument(steps), null, 2);
  }
  const container = violatingContainer({});
  const { ...state } = container;

  it("refuses an unknown op with INFRA_001 naming it", async () => {
    const run = await scanText(previewWith([{ op: "teleport", urn: container.urn, newState: state }]));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("teleport");
  });

  it("reads `read-discard` (the Go name of the discard op) as a discard", async () => {
    // The compliant stack beside it, so that the scan has something live to judge.
    const live = checkpointResources()
      .filter((r) => r.urn !== CONTAINER_URN)
      .map((r) => ({ op: "same", urn: r.urn, oldState: r, newState: r }));
    const run = await scanText(
      previewWith([
        ...live,
        { op: "read-discard", urn: container.urn, oldState: { ...state, external: true } },
      ]),
    );
    expect(run.code).toBe(0);
  });

  it.each([
    ["discard", "external"],
    ["discard-replaced", "external"],
    ["remove-pending-replace", "pendingReplacement"],
  ])("refuses a %s step on a resource that is not %s (it would hide a live resource)", async (op, flag) => {
    const run = await scanText(previewWith([{ op, urn: container.urn, oldState: state }]));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(flag);
  });

  it("refuses a document nested deeper than Pulumi writes, with INFRA_001 and no stack trace", async () => {
    const deep = `${"[".repeat(20000)}${"]".repeat(20000)}`;
    const text = JSON.stringify(
      previewDocument([{ op: "create", urn: container.urn, newState: state }]),
    ).replace('"minScale":0', `"minScale":0,"deep":${deep}`);
    const run = await scanText(text);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ code: "INFRA_001" });
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a step that is not an object instead of skipping it", async () => {
    const run = await scanText(previewWith([42]));
    expect(run.code).toBe(2);
  });

  it("refuses two create steps for one URN", async () => {
    const compliant = checkpointResources().find((r) => r.urn === CONTAINER_URN);
    const run = await scanText(
      previewWith([
        { op: "create", urn: container.urn, newState: compliant },
        { op: "create", urn: container.urn, newState: state },
      ]),
    );
    expect(run.code).toBe(2);
  });

  it("refuses a step whose newState names another URN", async () => {
    const run = await scanText(
      previewWith([{ op: "create", urn: `${container.urn}-other`, newState: state }]),
    );
    expect(run.code).toBe(2);
  });

  it("fails a violating create-replacement even when `replace` carries a compliant state", async () => {
    const compliant = checkpointResources().find((r) => r.urn === CONTAINER_URN);
    const run = await scanText(
      previewWith([
        { op: "replace", urn: container.urn, oldState: compliant, newState: compliant },
        { op: "create-replacement", urn: container.urn, oldState: compliant, newState: state },
      ]),
    );
    expect(run.code).toBe(1);
  });
});
