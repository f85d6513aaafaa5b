// The SARIF 2.1.0 report, for GitHub code scanning: one reporting descriptor per policy (its
// metadata, rule IDs as tags, a security-severity GitHub can rank), one result per finding with a
// level from its enforcement and a physical location: the stack-file line of the config value behind
// the resource, else the TypeScript line that declared it, else the fallback the caller gives (the
// stack file or the scanned file). Waived findings are kept, as suppressed results; attested rules
// are results of kind "review". Policies the policy pack config disabled or downgraded are overrides
// of the run's invocation, each with a notification.
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type {
  ComplianceReport,
  DisabledPolicy,
  Finding,
  PolicyDescriptor,
  Severity,
  SourceLocation,
} from "../plan/model";
import { describeLevelChange } from "./disabled-policies";
import { attestedRules, daysUntil, findingSubject, waivedFindings } from "./present";
import { shownJson } from "@scaleway-infra/contracts/errors/shown-value";

export interface SarifOptions {
  /** Where a finding with no location of its own is reported (first line of the stack or scanned file). */
  fallbackLocation: SourceLocation;
}

/** GitHub's `security-severity`: a CVSS-like score that ranks alerts as critical/high/medium/low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
};

type SarifLevel = "error" | "warning" | "note" | "none";

function levelOf(finding: Finding): SarifLevel {
  if (finding.status === "indeterminate") return "note";
  return finding.enforcementLevel === "mandatory" ? "error" : "warning";
}

function defaultLevel(policy: Pick<PolicyDescriptor, "enforcementLevel">): SarifLevel {
  if (policy.enforcementLevel === "disabled") return "none";
  return policy.enforcementLevel === "mandatory" ? "error" : "warning";
}

/** `database-high-availability` -> `DatabaseHighAvailability` (SARIF's rule `name` is an identifier). */
function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

function descriptorFromFinding(f: Finding): PolicyDescriptor {
  return {
    name: f.policy,
    description: f.message,
    ruleIds: f.ruleIds,
    severity: f.severity,
    enforcementLevel: f.enforcementLevel,
    remediation: f.remediation,
    kind: f.urn ? "resource" : "stack",
  };
}

/** Repository files relative to %SRCROOT%; a file outside it (a `--config-file` in /tmp) as a file: URI. */
function artifactLocation(file: string): Record<string, string> {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split("\\").join("/"), uriBaseId: "%SRCROOT%" };
}

/** The head of every SARIF log this tool writes. */
export const SARIF_LOG = {
  $schema: "https://json.schemastore.org/sarif-2.1.0.json",
  version: "2.1.0",
} as const;

/** `%SRCROOT%`, which the artifact locations above are relative to. */
export const SRCROOT_BASE_IDS = {
  "%SRCROOT%": { description: { text: "The repository root (where Pulumi.yaml is)." } },
};

/** A run's `tool`: the driver with its rules. */
export function sarifTool(
  tool: { name: string; version: string },
  rules: unknown[],
): Record<string, unknown> {
  return { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, rules } };
}

export function physicalLocation(location: SourceLocation): Record<string, unknown> {
  return {
    artifactLocation: artifactLocation(location.file),
    region: {
      startLine: Math.max(1, location.line),
      ...(location.column ? { startColumn: location.column } : {}),
    },
  };
}

export function toSarif(report: ComplianceReport, options: SarifOptions): Record<string, unknown> {
  const descriptors = new Map<string, PolicyDescriptor>();
  for (const p of report.policies ?? []) descriptors.set(p.name, p);
  for (const f of report.findings)
    if (!descriptors.has(f.policy)) descriptors.set(f.policy, descriptorFromFinding(f));
  const policies = [...descriptors.values()];
  const indexOf = new Map(policies.map((p, i) => [p.name, i]));

  // A policy the config disabled or downgraded keeps its own level as its default configuration; the
  // config's level is an override of this run (SARIF 2.1.0 §3.20.5 ruleConfigurationOverrides).
  const changed = new Map((report.disabledPolicies ?? []).map((c) => [c.name, c]));
  const rules: Record<string, unknown>[] = policies.map((p) => ({
    id: p.name,
    name: pascalCase(p.name),
    shortDescription: { text: `${p.ruleIds.join(", ")}: ${p.description}` },
    fullDescription: { text: p.description },
    help: {
      text: `${p.remediation}\n\nRules: ${p.ruleIds.join(", ")} (${report.framework.name} ${report.framework.version}).`,
      markdown: `**How to fix:** ${p.remediation}\n\nContract rules: ${p.ruleIds.map((id) => `\`${id}\``).join(", ")} (${report.framework.name} ${report.framework.version}).`,
    },
    defaultConfiguration: {
      level: defaultLevel({ enforcementLevel: changed.get(p.name)?.from ?? p.enforcementLevel }),
    },
    properties: {
      tags: ["security", "iac", "scaleway", ...p.ruleIds],
      "security-severity": SECURITY_SEVERITY[p.severity],
      precision: "high",
      severity: p.severity,
      enforcementLevel: p.enforcementLevel,
      kind: p.kind,
    },
  }));

  const results: Record<string, unknown>[] = report.findings
    .filter((f) => f.enforcementLevel !== "disabled")
    .map((f) => {
      const location = f.source ?? options.fallbackLocation;
      const result: Record<string, unknown> = {
        ruleId: f.policy,
        ruleIndex: indexOf.get(f.policy),
        level: levelOf(f),
        message: {
          text: `${f.message.startsWith("[") ? "" : `[${f.ruleIds.join(", ")}] `}${findingSubject(f)}: ${f.message}${f.status === "indeterminate" ? " (undecided: a value was unknown)" : ""}`,
        },
        locations: [
          {
            physicalLocation: physicalLocation(location),
            ...(f.urn
              ? {
                  logicalLocations: [
                    { fullyQualifiedName: f.urn, name: f.resourceName ?? f.urn, kind: "resource" },
                  ],
                }
              : {}),
          },
        ],
        partialFingerprints: { "scwInfraFinding/v1": `${f.policy}|${f.urn ?? "stack"}` },
        properties: {
          status: f.status,
          ruleIds: f.ruleIds,
          enforcementLevel: f.enforcementLevel,
          severity: f.severity,
        },
      };
      if (f.status === "waived" && f.waiver) {
        result.suppressions = [
          {
            kind: "external",
            status: "accepted",
            justification: `${f.waiver.reason} (owner ${f.waiver.owner}, expires ${f.waiver.expires}, waiver ${f.waiver.id})`,
            properties: {
              waiver: f.waiver.id,
              owner: f.waiver.owner,
              expires: f.waiver.expires,
              daysToExpiry: daysUntil(f.waiver.expires, report.generatedAt),
            },
          },
        ];
      }
      return result;
    });

  // Attested rules are neither passes nor failures: SARIF 2.1.0 §3.27.9 has `kind: "review"` ("the
  // result requires review by a human user"), and §3.27.10 requires `level: "none"` for any kind
  // but "fail". Each gets a descriptor of its own, named by rule ID, so code scanning can list it.
  const attested = attestedRules(report);
  for (const rule of attested) {
    rules.push({
      id: rule.ruleId,
      name: pascalCase(`attested ${rule.ruleId}`),
      shortDescription: { text: `${rule.ruleId}: ${rule.title} (attested)` },
      fullDescription: {
        text: `${rule.title}. Declared in the stack file and accepted by config validation, but not verifiable by this command.`,
      },
      help: { text: rule.note ?? rule.title },
      defaultConfiguration: { level: "none" },
      properties: { tags: ["iac", "scaleway", "attested", rule.ruleId], precision: "high" },
    });
    results.push({
      ruleId: rule.ruleId,
      ruleIndex: rules.length - 1,
      kind: "review",
      level: "none",
      message: { text: `[${rule.ruleId}] ATTESTED: ${rule.note ?? rule.title}` },
      locations: [{ physicalLocation: physicalLocation(rule.source ?? options.fallbackLocation) }],
      partialFingerprints: { "scwInfraFinding/v1": `attested|${rule.ruleId}` },
      properties: { status: "attested", ruleIds: [rule.ruleId] },
    });
  }

  return {
    ...SARIF_LOG,
    runs: [
      {
        tool: sarifTool(report.tool, rules),
        automationDetails: { id: `scw-infra/${report.source}/${report.stack}/` },
        originalUriBaseIds: SRCROOT_BASE_IDS,
        ...(changed.size > 0
          ? { invocations: [configurationInvocation([...changed.values()], indexOf)] }
          : {}),
        results,
        properties: {
          stack: report.stack,
          environment: report.environment,
          summary: report.summary,
          attestedRules: attested.map((rule) => rule.ruleId),
          waivedFindings: waivedFindings(report).length,
        },
      },
    ],
  };
}

/**
 * The run's invocation when the policy pack config disabled or downgraded policies: one override per
 * policy (disabled: `enabled: false`; advisory: level `warning`), and a notification per policy that
 * says it in words, an error when it fails the run (--strict or CI).
 */
function configurationInvocation(
  changed: readonly DisabledPolicy[],
  indexOf: ReadonlyMap<string, number>,
): Record<string, unknown> {
  const reference = (policy: DisabledPolicy) => ({ id: policy.name, index: indexOf.get(policy.name) });
  return {
    executionSuccessful: true,
    ruleConfigurationOverrides: changed.map((policy) => ({
      descriptor: reference(policy),
      configuration:
        policy.to === "disabled"
          ? { enabled: false, level: "none" }
          : { level: defaultLevel({ enforcementLevel: policy.to }) },
    })),
    toolConfigurationNotifications: changed.map((policy) => ({
      associatedRule: reference(policy),
      level: policy.blocking ? "error" : "warning",
      message: { text: describeLevelChange(policy) },
    })),
  };
}

export function renderSarif(report: ComplianceReport, options: SarifOptions): string {
  return shownJson(toSarif(report, options));
}
