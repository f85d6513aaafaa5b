// The JUnit XML report, for CI test tabs: one test suite per rule group, one test case per rule ID
// and scope (each resource a finding concerns, or the whole stack when none does). A failing finding
// is a <failure>, an undecided one an <error>, not-applicable rules are <skipped> with the reason, so
// CI shows the violation and its fix where developers already look. Two kinds of case are neither pass
// nor failure and say so: an attested rule is <skipped message="attested: ..."> with a `status`
// property `attested` (skipped, not passed: nothing verified it, and CI tabs must not count it as a
// pass), and waived findings are <skipped> in a test suite of their own, `<stack>.waived`, with the
// waiver's owner, reason, expiry and days to expiry as properties. Policies the policy pack config
// disabled or downgraded form a suite too, `<stack>.policy-pack-config`.
import { escapeInvisible } from "@scaleway-infra/contracts/errors/shown-value";
import { ruleById } from "@scaleway-infra/contracts/rules/catalog";
import type { ComplianceReport, RuleResult } from "../plan/model";
import { changedPolicyName, describeLevelChange, levelChange } from "./disabled-policies";
import { expiryText, findingSubject, formatLocation, uncatalogedRuleRows, waivedFindings } from "./present";

/**
 * Text or an attribute value: XML's five special characters as entities, and every invisible
 * character (controls, which XML 1.0 forbids even escaped, line breaks, bidi and zero-width
 * characters) written as its escape (`\u001b`), so a hostile name shows in CI as what it is. A line
 * break the report means is joined in after escaping (`xmlLines`).
 */
export function xml(text: string): string {
  return escapeInvisible(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Lines of element text, each escaped, joined by real line breaks. */
export function xmlLines(lines: readonly string[]): string {
  return lines.map(xml).join("\n");
}

interface TestCase {
  name: string;
  classname: string;
  body: string;
  outcome: "pass" | "failure" | "error" | "skipped";
}

function casesOf(
  report: ComplianceReport,
  rule: RuleResult,
  group: string = ruleById(rule.ruleId).group,
): TestCase[] {
  const classname = `scw-infra.${report.stack}.${group}`;
  if (rule.findings.length === 0) {
    const name = `${rule.ruleId} ${rule.title} [stack]`;
    if (rule.status === "attested") {
      return [
        {
          name,
          classname,
          outcome: "skipped",
          body:
            `<properties><property name="status" value="attested"/></properties>` +
            `<skipped message="${xml(`attested: ${rule.note ?? rule.title}`)}"/>`,
        },
      ];
    }
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
  return rule.findings
    .filter((f) => f.status !== "waived")
    .map((f) => {
      const name = `${rule.ruleId} ${rule.title} [${findingSubject(f)}]`;
      const where = formatLocation(f.source);
      const detail = xmlLines(
        [
          `policy: ${f.policy}`,
          f.urn ? `resource: ${f.urn}` : "scope: stack",
          where ? `location: ${where}` : "",
          `fix: ${f.remediation}`,
        ].filter(Boolean),
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
      // Waived findings were filtered out above: what is left is undecided.
      return {
        name,
        classname,
        outcome: "error",
        body: `<error message="${xml(f.message)}" type="indeterminate">${detail}</error>`,
      };
    });
}

/** The waived findings' own suite: one skipped case each, the waiver's facts as properties. */
function waivedCases(report: ComplianceReport): TestCase[] {
  return waivedFindings(report)
    .filter(({ finding }) => finding.status === "waived")
    .map(({ finding, waiver, daysToExpiry }) => {
      const properties = [
        ["status", "waived"],
        ["waiver", waiver.id],
        ["owner", waiver.owner],
        ["reason", waiver.reason],
        ["expires", waiver.expires],
        ["daysToExpiry", daysToExpiry === null ? "unknown" : String(daysToExpiry)],
      ]
        .map(([name, value]) => `<property name="${name}" value="${xml(value)}"/>`)
        .join("");
      const message = `waived by ${waiver.id}: ${waiver.reason} (owner ${waiver.owner}, expires ${waiver.expires}, ${expiryText({ waiver, daysToExpiry })})`;
      return {
        name: `${finding.ruleIds.join(", ")} ${finding.policy} [${findingSubject(finding)}]`,
        classname: `scw-infra.${report.stack}.waived`,
        outcome: "skipped" as const,
        body: `<properties>${properties}</properties><skipped message="${xml(message)}"/>`,
      };
    });
}

/**
 * The policy pack config's own suite: one case per policy it disabled or downgraded, a failure when
 * that fails the run (--strict or CI), else skipped (nothing of the policy blocked), with its levels
 * and where they were set as properties.
 */
function policyPackConfigCases(report: ComplianceReport): TestCase[] {
  return (report.disabledPolicies ?? []).map((policy) => {
    const properties = [
      ["from", policy.from],
      ["to", policy.to],
      ["source", policy.source],
      ["blocking", String(policy.blocking)],
    ]
      .map(([name, value]) => `<property name="${name}" value="${xml(value)}"/>`)
      .join("");
    const message = xml(describeLevelChange(policy));
    return {
      name: `${changedPolicyName(policy)}: ${levelChange(policy)}`,
      classname: `scw-infra.${report.stack}.policy-pack-config`,
      outcome: policy.blocking ? ("failure" as const) : ("skipped" as const),
      body: policy.blocking
        ? `<properties>${properties}</properties><failure message="${message}" type="policy-pack-config">${message}</failure>`
        : `<properties>${properties}</properties><skipped message="${message}"/>`,
    };
  });
}

export function renderJunit(report: ComplianceReport): string {
  const groups = new Map<string, TestCase[]>();
  for (const rule of report.rules) {
    const group = ruleById(rule.ruleId).group;
    groups.set(group, [...(groups.get(group) ?? []), ...casesOf(report, rule)]);
  }
  // Findings outside the rule book (audit's DRIFT-*), in a suite of their own: "drift".
  for (const rule of uncatalogedRuleRows(report)) {
    const group = rule.ruleId.startsWith("DRIFT-") ? "drift" : "other";
    groups.set(group, [...(groups.get(group) ?? []), ...casesOf(report, rule, group)]);
  }
  for (const [group, cases] of groups) if (cases.length === 0) groups.delete(group);
  const waived = waivedCases(report);
  if (waived.length > 0) groups.set("waived", waived);
  const configured = policyPackConfigCases(report);
  if (configured.length > 0) groups.set("policy-pack-config", configured);
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
