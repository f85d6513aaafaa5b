// The JUnit XML report, for CI test tabs: one test suite per rule group, one test case per rule ID
// and scope (each resource a finding concerns, or the whole stack when none does). A failing finding
// is a <failure>, an undecided one an <error>, waived and not-applicable rules are <skipped> with the
// reason, so CI shows the violation and its fix where developers already look.
import { ruleById } from "../rules/catalog";
import type { ComplianceReport, RuleResult } from "../plan/model";
import { findingSubject, formatLocation } from "./present";

export function xml(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      // XML 1.0 forbids most control characters, even escaped.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
  );
}

interface TestCase {
  name: string;
  classname: string;
  body: string;
  outcome: "pass" | "failure" | "error" | "skipped";
}

function casesOf(report: ComplianceReport, rule: RuleResult): TestCase[] {
  const classname = `scw-infra.${report.stack}.${ruleById(rule.ruleId).group}`;
  if (rule.findings.length === 0) {
    const name = `${rule.ruleId} ${rule.title} [stack]`;
    if (rule.status === "not_applicable" || rule.status === "waived") {
      return [
        {
          name,
          classname,
          outcome: "skipped",
          body: `<skipped message="${xml(rule.note ?? "not applicable")}"/>`,
        },
      ];
    }
    return [
      {
        name,
        classname,
        outcome: "pass",
        body: `<system-out>${xml(rule.note ?? `checked by ${rule.enforcedBy.join(", ")}`)}</system-out>`,
      },
    ];
  }
  return rule.findings.map((f) => {
    const name = `${rule.ruleId} ${rule.title} [${findingSubject(f)}]`;
    const where = formatLocation(f.source);
    const detail = xml(
      [
        `policy: ${f.policy}`,
        f.urn ? `resource: ${f.urn}` : "scope: stack",
        where ? `location: ${where}` : "",
        `fix: ${f.remediation}`,
      ]
        .filter(Boolean)
        .join("\n"),
    );
    if (f.status === "fail") {
      const type = f.enforcementLevel === "mandatory" ? "mandatory" : "advisory";
      return {
        name,
        classname,
        outcome: "failure",
        body: `<failure message="${xml(f.message)}" type="${type}">${detail}</failure>`,
      };
    }
    if (f.status === "indeterminate") {
      return {
        name,
        classname,
        outcome: "error",
        body: `<error message="${xml(f.message)}" type="indeterminate">${detail}</error>`,
      };
    }
    const waiver = f.waiver
      ? `waived by ${f.waiver.id}: ${f.waiver.reason} (owner ${f.waiver.owner}, expires ${f.waiver.expires})`
      : f.message;
    return { name, classname, outcome: "skipped", body: `<skipped message="${xml(waiver)}"/>` };
  });
}

export function renderJunit(report: ComplianceReport): string {
  const groups = new Map<string, TestCase[]>();
  for (const rule of report.rules) {
    const group = ruleById(rule.ruleId).group;
    groups.set(group, [...(groups.get(group) ?? []), ...casesOf(report, rule)]);
  }
  const count = (cases: TestCase[], outcome: TestCase["outcome"]) =>
    cases.filter((c) => c.outcome === outcome).length;
  const all = [...groups.values()].flat();
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="scw-infra ${xml(report.source)} ${xml(report.stack)}" tests="${all.length}" failures="${count(all, "failure")}" errors="${count(all, "error")}" skipped="${count(all, "skipped")}" time="0" timestamp="${xml(report.generatedAt)}">`,
  ];
  for (const [group, cases] of groups) {
    lines.push(
      `  <testsuite name="${xml(`${report.stack}.${group}`)}" tests="${cases.length}" failures="${count(cases, "failure")}" errors="${count(cases, "error")}" skipped="${count(cases, "skipped")}" time="0">`,
    );
    for (const c of cases) {
      lines.push(
        c.body === ""
          ? `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}" time="0"/>`
          : `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}" time="0">${c.body}</testcase>`,
      );
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return lines.join("\n") + "\n";
}
