// What a report must never print, whatever the format and whatever `--show-values` says (issue 11
// "no value echoed"): the values of a run that are secret. They are collected once per report, from
// its resources, before any formatter sees it:
// - every value a Pulumi secret holds (a state export's secret envelopes, `--show-secrets` plaintext
//   or not; what `plan` sees marked secret): the resource's `secretPaths`;
// - every value of an input meant for secret material (a secret version's `data`, a database
//   password, a container's `secretEnvironmentVariables`: SECRET_SINKS of the pack), even when the
//   state keeps it in clear; and, for a payload that is base64, its decoded text;
// - every value at a path that a secret finding of the run (SEC-3, SECU-1) names in backticks, such
//   as a copy of a payload in a plain environment variable.
// Inputs at those paths are `[secret]` (redact.ts reportedInputs), and every text of the report
// (finding messages, remediation, waiver reasons, rule notes) loses the values (scrubSecretValues).
import { kindOf } from "../../policies/resource-types";
import { SECRET_SINKS } from "../../policies/secrets";
import { UNKNOWN, type ComplianceReport, type Finding, type PlannedResource } from "../plan/model";
import { childPath, valueAtPath } from "../plan/property-values";

/** What a secret value becomes in a report's text. */
export const SECRET_TEXT = "[secret]";

/** Rules whose findings name, in backticks, an input that holds secret material in clear. */
const SECRET_FINDING_RULES = new Set(["SEC-3", "SECU-1"]);

/** Strings at least this long are scrubbed wherever they appear, even inside a longer word. */
const ANYWHERE_LENGTH = 8;
/** Strings at least this long (and shorter than ANYWHERE_LENGTH) are scrubbed as whole tokens. */
const TOKEN_LENGTH = 4;

export interface SecretValue {
  /** The value as a report would print it (`String(value)`). */
  text: string;
  /** The input names it was found under (`ip` and `aclRules[0].ip`), for value positions. */
  names: string[];
}

export interface SecretValues {
  /** Per resource URN, the input paths whose values are never shown. */
  paths: Map<string, Set<string>>;
  values: SecretValue[];
}

const cache = new WeakMap<ComplianceReport, SecretValues>();

/** The secret values of a report (computed once per report object). */
export function secretValuesOf(report: ComplianceReport): SecretValues {
  const cached = cache.get(report);
  if (cached) return cached;
  const computed = collect(report);
  cache.set(report, computed);
  return computed;
}

/** Records the secret values of `report` for a copy of it (a scrubbed report has the same resources). */
export function rememberSecretValues(report: ComplianceReport, secrets: SecretValues): ComplianceReport {
  cache.set(report, secrets);
  return report;
}

/** Whether `path` of `resource` (or an input it lies under) is secret. */
export function isSecretPath(secrets: SecretValues, resource: PlannedResource, path: string): boolean {
  const paths = secrets.paths.get(resource.urn);
  if (!paths) return false;
  for (const secret of paths) {
    if (path === secret || path.startsWith(`${secret}.`) || path.startsWith(`${secret}[`)) return true;
  }
  return false;
}

/** Whether a plain string input holds a secret value of the run (equal, or containing a long one). */
export function holdsSecretValue(secrets: SecretValues, value: string): boolean {
  return secrets.values.some(
    (secret) =>
      secret.text === value || (secret.text.length >= ANYWHERE_LENGTH && value.includes(secret.text)),
  );
}

function collect(report: ComplianceReport): SecretValues {
  const paths = new Map<string, Set<string>>();
  const add = (urn: string, path: string): void => {
    const set = paths.get(urn) ?? new Set<string>();
    set.add(path);
    paths.set(urn, set);
  };
  for (const resource of report.resources) {
    for (const path of resource.secretPaths) add(resource.urn, path);
    for (const key of SECRET_SINKS[kindOf(resource.type) ?? ""] ?? []) {
      if (key in resource.props) add(resource.urn, childPath("", key));
    }
  }
  const byUrn = new Map(report.resources.map((resource) => [resource.urn, resource]));
  for (const finding of report.findings) {
    if (!finding.urn || !finding.ruleIds.some((id) => SECRET_FINDING_RULES.has(id))) continue;
    const resource = byUrn.get(finding.urn);
    if (!resource) continue;
    for (const match of finding.message.matchAll(/`([^`\s]{1,200})`/g)) {
      const path = match[1];
      // Only a path of a plain input: `secretEnvironmentVariables` as a rule's advice is no leak.
      const value = valueAtPath(resource.props, path);
      if (value !== undefined && value !== null && typeof value !== "object") add(resource.urn, path);
    }
  }
  const values = new Map<string, Set<string>>();
  const addValue = (text: string, path: string): void => {
    if (text === "") return;
    const names = values.get(text) ?? new Set<string>();
    names.add(path);
    const last = /([A-Za-z_$][\w$-]*)$/.exec(path)?.[1];
    if (last) names.add(last);
    values.set(text, names);
  };
  for (const resource of report.resources) {
    for (const path of paths.get(resource.urn) ?? []) {
      leaves(valueAtPath(resource.props, path), path, (leaf, leafPath) => {
        addValue(leaf, leafPath);
        const decoded = decodedBase64(leaf);
        if (decoded !== undefined) addValue(decoded, leafPath);
      });
    }
  }
  return {
    paths,
    values: [...values].map(([text, names]) => ({ text, names: [...names] })),
  };
}

function leaves(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (value === UNKNOWN || value === undefined || value === null || typeof value === "symbol") return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => leaves(item, childPath(path, index), visit));
    return;
  }
  if (typeof value === "object") {
    for (const [key, item] of Object.entries(value)) leaves(item, childPath(path, key), visit);
    return;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    visit(String(value), path);
}

/** The text a base64 payload stands for, when it is base64 of printable text. */
function decodedBase64(value: string): string | undefined {
  if (value.length < ANYWHERE_LENGTH || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value))
    return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  return /^[\x20-\x7e]+$/.test(decoded) && decoded.length >= TOKEN_LENGTH ? decoded : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `text` without the secret values. A short value (`1`, `true`, `eu`) is common text, so scrubbing it
 * everywhere would wreck messages; the rule depends on its length:
 * - 8 characters or more: every occurrence, even inside a longer word (a password in a URL);
 * - 4 to 7 characters: every occurrence as a whole token (no letter or digit on either side);
 * - shorter, and every number or boolean: only in a value position: quoted (`"1"`, `` `1` ``, `'1'`)
 *   or right after the input's name (`minScale is 1`, `` `isHaCluster` is false ``, `ip: 1`, `ip = 1`).
 * Value positions are scrubbed whatever the length. JSON-escaped forms count too.
 */
export function scrubSecretValues(text: string, secrets: SecretValues): string {
  let out = text;
  // Longest first, so a value that holds a shorter one is replaced whole.
  const ordered = [...secrets.values].sort((a, b) => b.text.length - a.text.length);
  for (const secret of ordered) {
    const forms = new Set([secret.text, JSON.stringify(secret.text).slice(1, -1)]);
    for (const form of forms) {
      if (!out.includes(form)) continue;
      const value = escapeRegExp(form);
      if (form.length >= ANYWHERE_LENGTH) {
        out = out.split(form).join(SECRET_TEXT);
        continue;
      }
      if (form.length >= TOKEN_LENGTH && !/^(?:-?\d+(?:\.\d+)?|true|false)$/.test(form)) {
        out = out.replace(new RegExp(`(?<![A-Za-z0-9])${value}(?![A-Za-z0-9])`, "g"), SECRET_TEXT);
        continue;
      }
      out = out.replace(new RegExp(`(["'\`])${value}\\1`, "g"), `$1${SECRET_TEXT}$1`);
      const names = secret.names.map(escapeRegExp).join("|");
      out = out.replace(
        new RegExp(`((?:${names})\`?\\s*(?:is|was|=|:)\\s*)${value}(?![A-Za-z0-9.])`, "g"),
        `$1${SECRET_TEXT}`,
      );
    }
  }
  return out;
}

/** The report with every finding's and rule's text scrubbed of the run's secret values. */
export function withoutSecretValuesInText(report: ComplianceReport, secrets: SecretValues): ComplianceReport {
  if (secrets.values.length === 0) return report;
  const scrub = (text: string): string => scrubSecretValues(text, secrets);
  const scrubFinding = (finding: Finding): Finding => ({
    ...finding,
    message: scrub(finding.message),
    remediation: scrub(finding.remediation),
    ...(finding.waiver ? { waiver: { ...finding.waiver, reason: scrub(finding.waiver.reason) } } : {}),
  });
  const scrubbed = new Map(report.findings.map((finding) => [finding, scrubFinding(finding)]));
  const scrubOnce = (finding: Finding): Finding => scrubbed.get(finding) ?? scrubFinding(finding);
  return {
    ...report,
    findings: report.findings.map(scrubOnce),
    rules: report.rules.map((rule) => ({
      ...rule,
      findings: rule.findings.map(scrubOnce),
      ...(rule.note === undefined ? {} : { note: scrub(rule.note) }),
    })),
  };
}
