// issue 11 §3, §7, §11: `scw-infra scan` never passes a file it cannot read one way only, a preview
// whose changeSummary does not account for its steps, or a file that holds nothing to judge.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";

const EXPORT = "tests/fixtures/scan/production-violations.stack.json";
const PREVIEW = "tests/fixtures/scan/staging-violation.preview.json";

type Json = Record<string, unknown>;
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Json;

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-kind-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function scan(doc: unknown, ...args: string[]) {
  const file = path.join(dir, `scan-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return runCli(["scan", file, ...args]);
}

/** Exit 2, INFRA_001 with `text` in its message, and no report. */
function expectRefused(run: { code: number; stdout: string; stderr: string }, text: string | RegExp) {
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("INFRA_001");
  expect(run.stderr).toMatch(text);
  expect(run.stdout).not.toContain("Result: PASS");
}

describe("a file that can be read two ways", () => {
  it("refuses a full stack export with a `steps` member, naming both readings (was: PASS on 0 resources)", async () => {
    const run = await scan({ ...read(EXPORT), steps: [] }, "--strict");
    expectRefused(run, "can be read 2 ways");
    expect(run.stderr).toContain("`pulumi stack export` (`deployment.resources`: 8 resources)");
    expect(run.stderr).toContain("`pulumi preview --json` (`steps`; 0 steps)");
  });

  it("refuses an empty deployment beside a checkpoint holding the resources", async () => {
    const resources = (read(EXPORT).deployment as Json).resources;
    const run = await scan({
      version: 3,
      deployment: { resources: [] },
      checkpoint: { latest: { resources } },
    });
    expectRefused(run, "can be read 2 ways");
    expect(run.stderr).toContain("(`deployment.resources`: 0 resources)");
    expect(run.stderr).toContain("a state file (`checkpoint.latest.resources`: 8 resources)");
  });

  it("refuses a preview that carries an export's `version`", async () => {
    expectRefused(await scan({ ...read(PREVIEW), version: 3 }), "can be read 2 ways");
  });

  it("refuses `steps` that is not a list instead of reading the export beside it", async () => {
    expectRefused(await scan({ ...read(EXPORT), steps: {} }), "can be read 2 ways");
  });

  it("refuses an export whose resources are not a list", async () => {
    expectRefused(
      await scan({ version: 3, deployment: { resources: {} } }),
      "/deployment/resources is not a list",
    );
  });

  it("still reads each kind on its own", async () => {
    expect((await scan(read(EXPORT))).code).toBe(1);
    expect((await scan(read(PREVIEW))).code).toBe(1);
    const resources = (read(EXPORT).deployment as Json).resources;
    expect(
      (await scan({ version: 3, checkpoint: { stack: "production", latest: { resources } } })).code,
    ).toBe(1);
  });
});

describe("a preview whose changeSummary does not account for its steps", () => {
  /** The staging preview (8 creates, one mandatory violation) with its violating steps cut. */
  function cut(summary: unknown, keep = 5): Json {
    const doc = read(PREVIEW);
    doc.steps = (doc.steps as unknown[]).slice(0, keep);
    if (summary === undefined) delete doc.changeSummary;
    else doc.changeSummary = summary;
    return doc;
  }

  it.each([
    ["a string count", { create: "8" }, 'changeSummary.create is "8", not a count'],
    ["a negative count", { create: -1 }, "not a count"],
    ["a fractional count", { create: 4.5 }, "not a count"],
    ["a null count", { create: null }, "changeSummary.create is null"],
    ["a boolean count", { create: true }, "not a count"],
    ["an unknown op", { creates: 8 }, 'counts "creates", which is not a step op'],
    ["an empty summary", {}, "its steps show 5 `create`, its changeSummary counts 0"],
    ["a null summary", null, "changeSummary is not an object"],
    ["a summary that is a list", [8], "changeSummary is not an object"],
    ["no summary", undefined, "has no changeSummary"],
    ["more creates than steps", { create: 8 }, "counts 8 `create`, its steps show 5"],
    ["fewer creates than steps", { create: 4 }, "its steps show 5 `create`, its changeSummary counts 4"],
  ])("refuses %s (INFRA_001: resources may be hidden)", async (_name, summary, message) => {
    const run = await scan(cut(summary), "--strict");
    expectRefused(run, message);
    expect(run.stderr).toContain("resources may be hidden");
  });

  it("refuses a summary that counts resources when there are no steps", async () => {
    expectRefused(
      await scan({ config: {}, steps: [], changeSummary: { create: 5 } }),
      "counts 5 `create`, its steps show 0",
    );
  });

  it("refuses a preview without --show-sames, as before", async () => {
    const doc = read(PREVIEW);
    doc.changeSummary = { create: 8, same: 3 };
    const run = await scan(doc);
    expectRefused(run, "leaves out 3 unchanged resource(s)");
    expect(run.stderr).toContain("--show-sames");
  });

  it("accepts steps Pulumi shows without counting them (a refresh, an unchanged read)", async () => {
    const doc = read(PREVIEW);
    const steps = doc.steps as Json[];
    const refreshed = { ...steps[2], op: "refresh" };
    doc.steps = [...steps.slice(0, 2), refreshed, ...steps.slice(3)];
    doc.changeSummary = { create: 7 };
    expect((await scan(doc)).code).toBe(1);
  });
});

describe("a file that holds nothing to judge is not a pass", () => {
  const stack = "urn:pulumi:staging::scaleway-infra::pulumi:pulumi:Stack::scaleway-infra-staging";
  const rootOnly = {
    urn: stack,
    custom: false,
    type: "pulumi:pulumi:Stack",
  };

  it.each([
    ["an empty preview", { steps: [] }],
    ["a preview without steps", { config: { "scaleway:region": "fr-par" } }],
    ["an export without resources", { version: 3, deployment: { manifest: {} } }],
    ["an export with an empty resource list", { version: 3, deployment: { resources: [] } }],
    ["a state file with no deployment yet", { version: 3, checkpoint: { stack: "staging" } }],
    ["an export holding only the root stack", { version: 3, deployment: { resources: [rootOnly] } }],
    [
      "a preview that only touches the root stack",
      {
        steps: [{ op: "same", urn: stack, oldState: rootOnly, newState: rootOnly }],
        changeSummary: { same: 1 },
      },
    ],
  ])("refuses %s with INFRA_001 in every format", async (_name, doc) => {
    for (const format of ["text", "sarif", "markdown", "junit", "html"]) {
      const run = await scan(doc, "--format", format);
      expectRefused(run, "holds no resource to judge");
      expect(run.stdout).toBe("");
    }
    const json = await scan(doc, "--format", "json");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      code: "INFRA_001",
      message: expect.stringContaining("holds no resource to judge"),
    });
  });
});
