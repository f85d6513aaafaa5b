// The JUnit report: a test case per rule and scope, failures for violations.
import { renderJunit } from "../../cli/report/junit";
import { sampleReport } from "./sample-report";

describe("renderJunit", () => {
  it("writes one test case per rule without findings, one per unwaived finding, and one per waived finding", () => {
    const xml = renderJunit(sampleReport());
    const report = sampleReport();
    const unwaived = report.rules.reduce((n, r) => {
      const open = r.findings.filter((f) => f.status !== "waived").length;
      return n + (r.findings.length === 0 ? 1 : open);
    }, 0);
    const waived = report.findings.filter((f) => f.status === "waived").length;
    expect(waived).toBeGreaterThan(0);
    expect(xml.match(/<testcase /g)).toHaveLength(unwaived + waived);
  });

  it("puts waived findings in a suite of their own with owner, reason, expiry and days to expiry", () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toMatch(/<testsuite name="production.waived" tests="1"[^>]*skipped="1"/);
    expect(xml).toContain('<property name="owner" value="platform@example.eu"/>');
    expect(xml).toContain('<property name="expires" value="2099-01-01"/>');
    expect(xml).toMatch(/<property name="daysToExpiry" value="\d+"\/>/);
    expect(xml).not.toMatch(/<testcase name="CTR-6 [^"]*\[runners\]"/);
  });

  it("reports an attested rule as skipped with status attested, never as a passed case", () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toMatch(
      /<testcase name="ENV-5 [^"]*"[^>]*><properties><property name="status" value="attested"\/><\/properties><skipped message="attested: declared in the stack file/,
    );
  });

  it("turns a failing finding into a failure naming the rule, resource, location and fix", () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toMatch(
      /<testcase name="CTR-4 [^"]*\[documentation\]"[^>]*><failure message="minScale is 1; production needs at least 2 instances." type="mandatory">[^<]*location: Pulumi.production.yaml:14:7\nfix: Set scaling/,
    );
  });

  it("counts failures, errors and skips on the root element", () => {
    expect(renderJunit(sampleReport())).toMatch(/<testsuites [^>]*failures="4" errors="1" skipped="\d+"/);
  });

  it("escapes XML special characters in messages", () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toContain("&lt;soon&gt; &amp; &quot;done&quot;");
    expect(xml).not.toContain("<soon>");
  });

  it("skips not-applicable rules with their reason", () => {
    expect(renderJunit(sampleReport())).toMatch(
      /<testcase name="DEP-1 [^"]*"[^>]*><skipped message="decided by the deployment workflow/,
    );
  });
});
