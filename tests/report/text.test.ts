// The text report: tree, table, fixes, colour only when asked.
import { renderText } from "../../cli/report/text";
import { sampleReport } from "./sample-report";

describe("renderText", () => {
  it("lists the planned resources as a tree under the stack", () => {
    const text = renderText(sampleReport(), { color: false, tree: true });
    expect(text).toMatch(/pulumi:pulumi:Stack {2}scaleway-infra-production\n[├└]─ /);
    expect(text).toContain("scaleway:containers:Container  documentation (1 secret)");
  });

  it("puts failing rules first, with resource, stack-file location and message", () => {
    const lines = renderText(sampleReport(), { color: false }).split("\n");
    const header = lines.findIndex((l) => l.startsWith("STATUS"));
    expect(lines[header + 1]).toMatch(
      /^FAIL\s+CTR-4\s+documentation\s+Pulumi\.production\.yaml:14:7\s+minScale is 1/,
    );
  });

  it("prints the fix under each failure", () => {
    expect(renderText(sampleReport(), { color: false })).toContain(
      "fix: Set scaling.min_instances to at least 2 in production.",
    );
  });

  it("marks advisory failures and names the waiver of a waived finding", () => {
    const text = renderText(sampleReport(), { color: false });
    expect(text).toMatch(/DB-2 .*\(advisory\)/);
    expect(text).toMatch(/WAIVED\s+CTR-6 .*\[waiver legacy-runner-token\]/);
  });

  it("gives not-applicable rules their reason", () => {
    expect(renderText(sampleReport(), { color: false })).toMatch(
      /N\/A\s+DEP-1\s+-\s+decided by the deployment workflow/,
    );
  });

  it("ends with the counts and the verdict", () => {
    const text = renderText(sampleReport(), { color: false });
    expect(text).toContain("2 mandatory violations, 1 advisory violation, 1 waived, 1 indeterminate");
    expect(text.trimEnd().endsWith("Result: FAIL (mandatory policy violations)")).toBe(true);
  });

  it("uses ANSI colour only when asked", () => {
    expect(renderText(sampleReport(), { color: true })).toContain("\u001b[31mFAIL");
    expect(renderText(sampleReport(), { color: false })).not.toContain("\u001b[");
  });

  it("never prints a secret input value", () => {
    const text = renderText(sampleReport(), { color: false, tree: true });
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("s3cret-Passw0rd");
  });
});
