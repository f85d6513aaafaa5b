// Issue 11 §3: every report format redacts every input value by default, not only the values the
// detector recognises, so that an undetected secret is never echoed into CI logs or artifacts. An
// explicit opt-in shows plain values (never Pulumi secrets or detected credentials), and is refused
// under CI.
import { join } from "node:path";
import { REPORT_FORMATS, renderReport } from "../../cli/report";
import { REDACTED_INPUT, redactCredentialsInText, reportedInputs } from "../../cli/report/redact";
import { toJsonReport } from "../../cli/report/json";
import type { PlannedResource } from "../../cli/plan/model";
import { sampleReport } from "./sample-report";

/** A secret in no known format, under a neutral name: the detector cannot see it. */
const UNDETECTED = "zebra-quartz-7781-violet";
const GITHUB_TOKEN = `ghp_${"aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"}`;

function reportWithUndetectedSecret() {
  const report = sampleReport();
  const container = report.resources.find((r) => r.name === "runners") as PlannedResource;
  container.props = { ...container.props, description: UNDETECTED, tags: ["env:production", UNDETECTED] };
  const finding = report.findings[0];
  finding.message = `${finding.message} (saw ${GITHUB_TOKEN})`;
  return report;
}

const render = (format: (typeof REPORT_FORMATS)[number], showValues = false) =>
  renderReport(reportWithUndetectedSecret(), {
    format,
    exitCode: 1,
    color: false,
    fallbackLocation: { file: "Pulumi.production.yaml", line: 1 },
    cwd: join(__dirname, "..", ".."),
    ...(showValues ? { values: "shown" as const } : {}),
  });

describe("input values in reports", () => {
  it.each(REPORT_FORMATS)("the %s report shows no input value and no credential by default", (format) => {
    const text = render(format);
    expect(text).not.toContain(UNDETECTED);
    expect(text).not.toContain(GITHUB_TOKEN);
    expect(text).not.toContain("hunter2");
  });

  it("keeps the shape of the inputs in the JSON report, with every value redacted", () => {
    const json = JSON.parse(render("json")) as {
      inputValues: string;
      resources: { name: string; inputs: Record<string, unknown> }[];
    };
    expect(json.inputValues).toBe("redacted");
    const runners = json.resources.find((r) => r.name === "runners");
    expect(runners?.inputs).toEqual({
      minScale: REDACTED_INPUT,
      description: REDACTED_INPUT,
      tags: [REDACTED_INPUT, REDACTED_INPUT],
    });
    const documentation = json.resources.find((r) => r.name === "documentation");
    expect(documentation?.inputs).toEqual({
      minScale: REDACTED_INPUT,
      secretEnvironmentVariables: "[secret]",
      domainName: "[unknown]",
    });
  });

  it("shows plain values when asked, but never secrets or detected credentials", () => {
    const json = JSON.parse(render("json", true)) as {
      inputValues: string;
      resources: { name: string; inputs: Record<string, unknown> }[];
    };
    expect(json.inputValues).toBe("shown");
    expect(json.resources.find((r) => r.name === "runners")?.inputs.description).toBe(UNDETECTED);
    const text = render("json", true);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain(GITHUB_TOKEN);
  });

  it("redacts from one function the other formats can call", () => {
    const resource = reportWithUndetectedSecret().resources.find(
      (r) => r.name === "runners",
    ) as PlannedResource;
    expect(JSON.stringify(reportedInputs(resource, "redacted"))).not.toContain(UNDETECTED);
    expect(toJsonReport(reportWithUndetectedSecret(), 1).inputValues).toBe("redacted");
  });
});

describe("credentials quoted in finding text", () => {
  it("replaces a quoted token, a Bearer pair and a URL password, and keeps the rest", () => {
    const text = redactCredentialsInText(
      `image "app:1" uses Bearer Zq8Wm3Kp7Rt2Lx9Vb4Nc6Hd and postgres://app:pa55-w0rd@db/app; fix it`,
    );
    expect(text).not.toContain("Zq8");
    expect(text).not.toContain("pa55-w0rd");
    expect(text).toContain('image "app:1" uses');
    expect(text).toContain("fix it");
  });

  it("leaves a message without credentials unchanged", () => {
    expect(redactCredentialsInText("`minScale` is 1 in environment production; set 2.")).toBe(
      "`minScale` is 1 in environment production; set 2.",
    );
  });

  it("scrubs a 1 MB message quickly", () => {
    const started = Date.now();
    redactCredentialsInText(`${"word ".repeat(200_000)}${GITHUB_TOKEN}`);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
