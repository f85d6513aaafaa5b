import { isInfraError, type InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { matchWaiver, parseWaivers } from "../../policies/waivers";
import { containerProps, evaluate, resource } from "../policies/helpers";

const WAIVERS = `# accepted exceptions
- policy: container-scaling-redundant
  name: "docu*"
  reason: cost review until the traffic study ends
  owner: platform-team
  expires: 2026-12-31
- rule: DB-2
  urn: urn:pulumi:production::scaleway-infra::scaleway:databases/instance:Instance::documentation-db
  reason: HA migration scheduled
  owner: dba-team
  expires: 2026-01-31
`;

function thrown(run: () => unknown): InfraError {
  try {
    run();
  } catch (error) {
    if (isInfraError(error)) return error;
    throw error;
  }
  throw new Error("expected an InfraError");
}

const NOW = new Date("2026-06-01T12:00:00Z");

describe("waivers.yaml", () => {
  it("parses entries with their file and line as id", () => {
    const waivers = parseWaivers(WAIVERS, "waivers.yaml");
    expect(waivers.map((w) => w.id)).toEqual(["waivers.yaml:2", "waivers.yaml:7"]);
    expect(waivers[0]).toMatchObject({
      policy: "container-scaling-redundant",
      name: "docu*",
      owner: "platform-team",
      expires: "2026-12-31",
    });
  });

  it("accepts the list under a waivers key", () => {
    expect(parseWaivers(`waivers:\n${WAIVERS.replace(/^/gm, "  ")}`)).toHaveLength(2);
  });

  it("treats an empty file as no waivers", () => {
    expect(parseWaivers("# nothing waived\n")).toEqual([]);
  });

  it("rejects an entry without owner as INFRA_001 with file and line", () => {
    const error = thrown(() =>
      parseWaivers(
        "- policy: alert-names-unique\n  name: '*'\n  reason: r\n  expires: 2026-12-31\n",
        "w.yaml",
      ),
    );
    expect(error.code).toBe("INFRA_001");
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: "/0/owner",
        file: "w.yaml",
        line: 1,
        message: "the waiver has no owner",
      }),
    ]);
  });

  it("rejects an entry naming neither policy nor rule", () => {
    const error = thrown(() => parseWaivers("- name: x\n  reason: r\n  owner: o\n  expires: 2026-12-31\n"));
    expect(error.problems[0].message).toContain("neither a policy nor a rule");
  });

  it("rejects an entry naming no resource", () => {
    const error = thrown(() =>
      parseWaivers("- rule: DB-2\n  reason: r\n  owner: o\n  expires: 2026-12-31\n"),
    );
    expect(error.problems[0].message).toContain("names no resource");
  });

  it("rejects an impossible expiry date, on its line", () => {
    const error = thrown(() =>
      parseWaivers("- rule: DB-2\n  name: x\n  reason: r\n  owner: o\n  expires: 2026-02-30\n", "w.yaml"),
    );
    expect(error.problems[0]).toMatchObject({ path: "/0/expires", line: 5 });
    expect(error.problems[0].fix).toContain("YYYY-MM-DD");
  });

  it("rejects an unknown rule ID and an unknown field", () => {
    const error = thrown(() =>
      parseWaivers("- rule: DB-99\n  name: x\n  reason: r\n  owner: o\n  expires: 2026-12-31\n  ticket: 4\n"),
    );
    expect(error.problems.map((p) => p.path).sort()).toEqual(["/0/rule", "/0/ticket"]);
  });

  it("places a bad rule ID on the line of its rule field", () => {
    const error = thrown(() =>
      parseWaivers("- name: x\n  rule: DB-99\n  reason: r\n  owner: o\n  expires: 2026-12-31\n"),
    );
    expect(error.problems).toEqual([expect.objectContaining({ path: "/0/rule", line: 2 })]);
  });

  it("reports every malformed entry at once", () => {
    const error = thrown(() => parseWaivers("- rule: DB-2\n- policy: x\n  name: y\n"));
    expect(new Set(error.problems.map((p) => p.path.split("/")[1]))).toEqual(new Set(["0", "1"]));
  });

  it("rejects a YAML syntax error with its line", () => {
    const error = thrown(() => parseWaivers("- rule: DB-2\n  name: [unclosed\n", "w.yaml"));
    expect(error.problems[0]).toMatchObject({ file: "w.yaml" });
    expect(error.problems[0].message).toContain("YAML syntax error");
  });

  it("matches by rule ID and exact URN, and by policy and name glob", () => {
    const waivers = parseWaivers(WAIVERS);
    const byGlob = matchWaiver(
      waivers,
      { policy: "container-scaling-redundant", ruleIds: ["CTR-4"], resourceName: "documentation" },
      NOW,
    );
    expect(byGlob).toMatchObject({ expired: false, waiver: { owner: "platform-team" } });
    const otherName = matchWaiver(
      waivers,
      { policy: "container-scaling-redundant", ruleIds: ["CTR-4"], resourceName: "runners" },
      NOW,
    );
    expect(otherName).toBeUndefined();
  });

  it("counts the expiry day itself and expires the day after", () => {
    const [waiver] = parseWaivers(WAIVERS);
    const subject = { policy: waiver.policy ?? "", ruleIds: [], resourceName: "documentation" };
    expect(matchWaiver([waiver], subject, new Date("2026-12-31T23:00:00Z"))?.expired).toBe(false);
    expect(matchWaiver([waiver], subject, new Date("2027-01-01T00:00:01Z"))?.expired).toBe(true);
  });
});

describe("waivers in the policy runner", () => {
  // A day when WAIVERS' first entry (2026-12-31) is within the 180-day horizon and its second expired.
  const IN_HORIZON = new Date("2026-09-01T12:00:00Z");
  const weak = resource("container", "documentation", containerProps({ minScale: 1 }));
  const nonHa = resource("databaseInstance", "documentation-db", {
    isHaCluster: false,
    backupScheduleRetention: 30,
    encryptionAtRest: true,
    privateNetwork: { pnId: "fr-par/x" },
    region: "fr-par",
    tags: ["env:production"],
  });

  it("reports a waived violation as waived, with the waiver, and not as a mandatory violation", async () => {
    // "docu*" is a glob on a mandatory policy in production: allowed here on request, as the flag does.
    const evaluation = await evaluate([weak], {
      waivers: parseWaivers(WAIVERS, "waivers.yaml"),
      allowBroadWaivers: true,
      now: IN_HORIZON,
    });
    const finding = evaluation.findings.find((f) => f.policy === "container-scaling-redundant");
    expect(finding).toMatchObject({
      status: "waived",
      waiver: { id: "waivers.yaml:2", owner: "platform-team", expired: false },
    });
    expect(evaluation.rules.find((r) => r.ruleId === "CTR-4")?.status).toBe("waived");
    expect(evaluation.summary).toMatchObject({ waived: 1 });
    expect(
      evaluation.findings.some((f) => f.status === "fail" && f.policy === "container-scaling-redundant"),
    ).toBe(false);
  });

  it("brings an expired waiver's violation back as a failure naming the expired waiver", async () => {
    const evaluation = await evaluate([nonHa], {
      waivers: parseWaivers(WAIVERS, "waivers.yaml"),
      allowBroadWaivers: true,
      now: IN_HORIZON,
    });
    const finding = evaluation.findings.find((f) => f.policy === "database-high-availability");
    expect(finding?.status).toBe("fail");
    expect(finding?.message).toContain("waiver waivers.yaml:7 (owner dba-team) expired on 2026-01-31");
    expect(finding?.waiver).toMatchObject({ id: "waivers.yaml:7", expired: true });
    expect(evaluation.rules.find((r) => r.ruleId === "DB-2")?.status).toBe("fail");
  });
});
