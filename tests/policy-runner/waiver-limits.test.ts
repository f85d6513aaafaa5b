// Waivers cannot silently switch the gate off (issue 11 §4): in production a waiver of a mandatory
// policy names its resource unless --allow-broad-waivers, and no waiver expires beyond the horizon
// (180 days, which a waivers file may shorten, never lengthen). Refusals are INFRA_001 naming the
// waiver, its file and line.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isInfraError, type InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { parseWaivers } from "../../policies/waivers";
import { runCli } from "../plan/cli-harness";
import { containerProps, evaluate, resource } from "../policies/helpers";

const NOW = new Date("2026-06-01T12:00:00Z");
const weak = resource("container", "documentation", containerProps({ minScale: 1 }));

function waiver(fields: Record<string, string>): string {
  const entry = { reason: "traffic study", owner: "platform-team", expires: "2026-07-01", ...fields };
  return (
    "- " +
    Object.entries(entry)
      .map(([key, value]) => `${key}: "${value}"`)
      .join("\n  ") +
    "\n"
  );
}

async function refusal(run: () => Promise<unknown>): Promise<InfraError> {
  try {
    await run();
  } catch (error) {
    if (isInfraError(error)) return error;
    throw error;
  }
  throw new Error("expected an InfraError");
}

describe("production waivers name their resource", () => {
  it.each(["*", "docu*", "doc?mentation", "{documentation,runners}", "[dr]unners"])(
    "refuses name %j on a mandatory policy with INFRA_001 at its file and line",
    async (name) => {
      const waivers = parseWaivers(
        `# header\n${waiver({ policy: "container-scaling-redundant", name })}`,
        "waivers.yaml",
      );
      const error = await refusal(() => evaluate([weak], { waivers, now: NOW }));
      expect(error.code).toBe("INFRA_001");
      expect(error.problems).toEqual([
        expect.objectContaining({ file: "waivers.yaml", line: 2, path: "waivers.yaml:2" }),
      ]);
      expect(error.problems[0].message).toContain("a production waiver must name its resource");
    },
  );

  // Every pattern minimatch reads as one, even those it collapses to a single name (`[d]`, `{x}`,
  // `\\x`) or that match every name but one (`!x`): a pattern is no name (gate review §3).
  it.each([
    "[d]ocumentation",
    "?ocumentation",
    "!runners",
    "!(runners)",
    "+(documentation)",
    "@(documentation)",
    "*(documentation)",
    "?(documentation)",
    "{documentation}",
    "{documentation,documentation}",
    "documentatio{n..n}",
    "\\\\documentation", // "\\documentation" in the YAML file: the name \documentation
    "[[:alpha:]]ocumentation",
    "**",
  ])("refuses name %j, which minimatch reads as a pattern", async (name) => {
    const waivers = parseWaivers(waiver({ policy: "container-scaling-redundant", name }), "w.yaml");
    const error = await refusal(() => evaluate([weak], { waivers, now: NOW }));
    expect(error.code).toBe("INFRA_001");
    expect(error.problems[0].message).toContain("a production waiver must name its resource");
  });

  it("matches an exact name only to that name", async () => {
    const waivers = parseWaivers(waiver({ policy: "container-scaling-redundant", name: "documentation" }));
    const other = resource("container", "Documentation", containerProps({ minScale: 1 }));
    const evaluation = await evaluate([weak, other], { waivers, now: NOW });
    const statuses = evaluation.findings
      .filter((f) => f.policy === "container-scaling-redundant")
      .map((f) => [f.resourceName, f.status]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        ["documentation", "waived"],
        ["Documentation", "fail"],
      ]),
    );
  });

  it("refuses a glob on a rule ID a mandatory policy enforces", async () => {
    const waivers = parseWaivers(waiver({ rule: "CTR-4", name: "*" }), "w.yaml");
    await expect(evaluate([weak], { waivers, now: NOW })).rejects.toMatchObject({ code: "INFRA_001" });
  });

  it("accepts an exact name or a URN", async () => {
    const byName = parseWaivers(waiver({ policy: "container-scaling-redundant", name: "documentation" }));
    const evaluation = await evaluate([weak], { waivers: byName, now: NOW });
    expect(evaluation.findings.find((f) => f.policy === "container-scaling-redundant")?.status).toBe(
      "waived",
    );
    const byUrn = parseWaivers(waiver({ policy: "container-scaling-redundant", urn: weak.urn }));
    await expect(evaluate([weak], { waivers: byUrn, now: NOW })).resolves.toBeDefined();
  });

  it("accepts a glob with --allow-broad-waivers, in staging, or on an advisory policy", async () => {
    const waivers = parseWaivers(waiver({ policy: "container-scaling-redundant", name: "*" }));
    await expect(evaluate([weak], { waivers, now: NOW, allowBroadWaivers: true })).resolves.toBeDefined();
    const staging = resource(
      "container",
      "documentation",
      containerProps({ minScale: 0, tags: ["env:staging", "service:documentation"] }),
      { stack: "staging" },
    );
    await expect(evaluate([staging], { waivers, now: NOW, stack: "staging" })).resolves.toBeDefined();
    await expect(
      evaluate([weak], {
        waivers,
        now: NOW,
        enforcement: {
          policies: { "container-scaling-redundant": { enforcementLevel: "advisory", properties: {} } },
        },
      }),
    ).resolves.toBeDefined();
  });

  // A stack named staging does not make production resources staging ones (gate review §3): the
  // limits follow each resource's environment, as the policies read it.
  it.each([
    ["a production resource in a run named staging", weak],
    [
      "a resource tagged env:production in a staging stack",
      resource("container", "documentation", containerProps({ minScale: 1 }), { stack: "staging" }),
    ],
    [
      "a resource of an unknown environment",
      resource(
        "container",
        "documentation",
        containerProps({ minScale: 1, tags: ["service:documentation"] }),
        { stack: "qa" },
      ),
    ],
  ])("holds the production limits for %s", async (_name, subject) => {
    const waivers = parseWaivers(waiver({ policy: "container-scaling-redundant", name: "*" }));
    await expect(
      evaluate([subject], { waivers, now: NOW, stack: "staging", environment: "staging" }),
    ).rejects.toMatchObject({ code: "INFRA_001" });
  });

  it("treats a stack whose environment is unknown as production", async () => {
    const waivers = parseWaivers(waiver({ policy: "container-scaling-redundant", name: "*" }));
    await expect(
      evaluate([weak], { waivers, now: NOW, stack: "dev", environment: "unknown" }),
    ).rejects.toMatchObject({
      code: "INFRA_001",
    });
  });
});

describe("the waiver horizon", () => {
  it("refuses an expiry beyond 180 days, in every environment", async () => {
    const waivers = parseWaivers(
      waiver({ policy: "container-scaling-redundant", name: "documentation", expires: "2026-11-29" }),
      "w.yaml",
    );
    for (const stack of ["production", "staging"]) {
      const error = await refusal(() => evaluate([weak], { waivers, now: NOW, stack }));
      expect(error.problems[0]).toMatchObject({ file: "w.yaml", line: 1 });
      expect(error.problems[0].message).toContain("beyond the 180-day horizon");
    }
  });

  it("accepts an expiry exactly 180 days ahead", async () => {
    const waivers = parseWaivers(
      waiver({ policy: "container-scaling-redundant", name: "documentation", expires: "2026-11-28" }),
    );
    await expect(evaluate([weak], { waivers, now: NOW })).resolves.toBeDefined();
  });

  it("lets the waivers file shorten the horizon", async () => {
    const text = `max_horizon_days: 30\nwaivers:\n  ${waiver({ policy: "container-scaling-redundant", name: "documentation", expires: "2026-07-15" }).replace(/\n(?=.)/g, "\n  ")}`;
    const waivers = parseWaivers(text, "w.yaml");
    const error = await refusal(() => evaluate([weak], { waivers, now: NOW }));
    expect(error.problems[0].message).toContain("beyond the 30-day horizon");
  });

  it.each([
    ["365", "longer than the maximum of 180 days"],
    ["0", "must be a whole number of days"],
    ['"90"', "must be a whole number of days"],
  ])("refuses max_horizon_days %s in the file", (value, message) => {
    expect(() => parseWaivers(`max_horizon_days: ${value}\nwaivers: []\n`, "w.yaml")).toThrow(
      expect.objectContaining({
        code: "INFRA_001",
        problems: [expect.objectContaining({ line: 1, message: expect.stringContaining(message) })],
      }),
    );
  });
});

describe("scw-infra scan with a broad production waiver", () => {
  const fixture = "tests/fixtures/scan/production-violations.stack.json";
  const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "broad-")), "waivers.yaml");
  fs.writeFileSync(file, waiver({ rule: "DB-4", name: "*", expires: soon }));

  it.each(["[m]ain-production", "?ain-production", "!nothing"])(
    "exits 2 on a one-resource-looking glob %j waiving a mandatory rule",
    async (name) => {
      const one = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "broad-")), "waivers.yaml");
      fs.writeFileSync(one, waiver({ rule: "DB-2", name, expires: soon }));
      const run = await runCli(["scan", fixture, "--waivers", one, "--format", "json"], {
        env: { CI: "true" },
      });
      expect(run.code).toBe(2);
      expect(JSON.parse(run.stdout)).toMatchObject({ code: "INFRA_001" });
    },
  );

  it("exits 2 when --stack staging names a production export", async () => {
    const run = await runCli(["scan", fixture, "--stack", "staging", "--waivers", file, "--format", "json"]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ code: "INFRA_001" });
  });

  it("exits 2 with INFRA_001 naming the waiver's file and line", async () => {
    const run = await runCli(["scan", fixture, "--waivers", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("INFRA_001");
    expect(run.stderr).toMatch(/waivers\.yaml:1/);
    expect(run.stderr).toContain("--allow-broad-waivers");
  });

  it("runs with --allow-broad-waivers", async () => {
    const run = await runCli([
      "scan",
      fixture,
      "--waivers",
      file,
      "--allow-broad-waivers",
      "--format",
      "json",
    ]);
    expect(JSON.parse(run.stdout)).toMatchObject({ stack: "production" });
  });
});
