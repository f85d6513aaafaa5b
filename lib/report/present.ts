// Small presentation helpers shared by every report format: labels, locations, and resource inputs
// made safe to print (secret values redacted, unknown values named). No format-specific layout here.
import {
  RULE_STATUSES_WORST_FIRST,
  UNKNOWN,
  type Finding,
  type PlannedResource,
  type RuleResult,
  type RuleStatus,
  type SourceLocation,
} from "../plan/model";
import { childPath } from "../plan/property-values";
import { detectCredential, redactValue } from "../rules/credentials";

export const REDACTED = "[secret]";
export const UNKNOWN_TEXT = "[unknown]";

export const STATUS_LABELS: Readonly<Record<RuleStatus, string>> = {
  fail: "FAIL",
  indeterminate: "INDETERMINATE",
  waived: "WAIVED",
  pass: "PASS",
  not_applicable: "N/A",
};

/** Failing rules first, then undecided, waived, passing and not applicable; catalog order inside each. */
export function rulesWorstFirst(rules: readonly RuleResult[]): RuleResult[] {
  const rank = (rule: RuleResult) => RULE_STATUSES_WORST_FIRST.indexOf(rule.status);
  return [...rules].sort((a, b) => rank(a) - rank(b));
}

export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return "";
  return `${location.file}:${location.line}${location.column ? `:${location.column}` : ""}`;
}

/** `scaleway:containers/container:Container documentation`, or `stack` for a stack-level finding. */
export function findingSubject(finding: Finding): string {
  if (!finding.urn) return "stack";
  return finding.resourceName ?? finding.urn.split("::").pop() ?? finding.urn;
}

export function shortType(type: string): string {
  const [pkg, mod = "", cls = ""] = type.split(":");
  if (!cls) return type;
  return `${pkg}:${mod.split("/")[0]}:${cls}`;
}

/**
 * Inputs as plain JSON, safe to print: values at secret paths (and everything under them) become
 * "[secret]", values that look like credentials are redacted, unknown values become "[unknown]".
 */
export function presentableProps(resource: PlannedResource): Record<string, unknown> {
  const secrets = new Set(resource.secretPaths);
  const walk = (value: unknown, path: string, key: string): unknown => {
    if (secrets.has(path)) return REDACTED;
    if (value === UNKNOWN) return UNKNOWN_TEXT;
    if (Array.isArray(value)) return value.map((item, index) => walk(item, childPath(path, index), key));
    if (typeof value === "object" && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [childKey, item] of Object.entries(value))
        out[childKey] = walk(item, childPath(path, childKey), childKey);
      return out;
    }
    // A dynamic resource's provider is its serialized source code: kilobytes nobody reads in a report.
    if (key === "__provider" && typeof value === "string")
      return `[serialized provider: ${value.length} characters]`;
    // A credential written in clear (what CTR-6 reports) must not be copied into CI logs and artifacts.
    if (typeof value === "string") {
      const credential = detectCredential(key, value);
      if (credential) return redactValue(value, credential.kind);
    }
    return typeof value === "symbol" ? UNKNOWN_TEXT : value;
  };
  return walk(resource.props, "", "") as Record<string, unknown>;
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
