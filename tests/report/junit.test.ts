// The JUnit report: a test case per rule and scope, failures for violations.
import { renderJunit } from "../../lib/report/junit";
import { sampleReport } from "./sample-report";

describe("renderJunit", () => {
  it("writes one test case per rule without findings and one per finding", () => {
    const xml = renderJunit(sampleReport());
    const report = sampleReport();
    const expected = report.rules.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
    expect(xml.match(/<testcase /g)).toHaveLength(expected);
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
