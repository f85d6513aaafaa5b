// The one place where reports decide what of a resource's inputs and of a finding's text may be
// printed (issue 11 §3). By default no input value is shown at all, only the inputs' shape: the
// detector cannot know every secret format, so an undetected secret must not reach CI logs or
// artifacts either. With an explicit opt-in (`--show-values`, refused under CI) plain values are
// shown, but Pulumi secrets and detected credentials never are. Finding messages, which may quote a
// value, lose every substring the detector recognises as a credential. Every format (text, JSON,
// Markdown, SARIF, JUnit, and any later one) renders through renderReport, which applies it.
import { UNKNOWN, type ComplianceReport, type Finding, type PlannedResource } from "../plan/model";
import { childPath } from "../plan/property-values";
import { holdsSecretValue, isSecretPath, type SecretValues } from "./secret-values";
import {
  detectCredential,
  detectCredentialFormat,
  redactValue,
} from "@scaleway-infra/contracts/detectors/credentials";

/** Whether a report shows input values: `redacted` (the default) or `shown` (explicit opt-in). */
export type InputValues = "redacted" | "shown";

/** What every input value becomes in a report by default. */
export const REDACTED_INPUT = "[redacted]";
/** What a Pulumi secret becomes, whatever the setting. */
export const SECRET_INPUT = "[secret]";
/** What a value unknown at preview becomes. */
export const UNKNOWN_INPUT = "[unknown]";

/**
 * A resource's inputs as a report may print them: the same keys and list lengths, with every scalar
 * value replaced by `[redacted]` (or, when values are shown, only secrets and detected credentials
 * replaced). Pulumi secrets are `[secret]` and unknown values `[unknown]` either way; null stays
 * null, since it holds nothing.
 */
export function reportedInputs(
  resource: PlannedResource,
  values: InputValues,
  secretValues?: SecretValues,
): Record<string, unknown> {
  const secrets = new Set(resource.secretPaths);
  const walk = (value: unknown, path: string, key: string): unknown => {
    if (secrets.has(path)) return SECRET_INPUT;
    // A secret payload kept in clear, a copy of one a finding names, a value under a secret path.
    if (values === "shown" && secretValues && path !== "" && isSecretPath(secretValues, resource, path))
      return SECRET_INPUT;
    if (value === UNKNOWN || typeof value === "symbol") return UNKNOWN_INPUT;
    if (Array.isArray(value)) return value.map((item, index) => walk(item, childPath(path, index), key));
    if (typeof value === "object" && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [childKey, item] of Object.entries(value))
        out[childKey] = walk(item, childPath(path, childKey), childKey);
      return out;
    }
    if (value === null || value === undefined) return value;
    if (values === "redacted") return REDACTED_INPUT;
    // A dynamic resource's provider is its serialized source code: kilobytes nobody reads in a report.
    if (key === "__provider" && typeof value === "string")
      return `[serialized provider: ${value.length} characters]`;
    if (typeof value === "string") {
      if (secretValues && holdsSecretValue(secretValues, value)) return SECRET_INPUT;
      const credential = detectCredential(key, value);
      if (credential) return redactValue(value, credential.kind);
    }
    return value;
  };
  return walk(resource.props, "", "") as Record<string, unknown>;
}

/** Messages longer than this are cut before scrubbing; no finding message comes near it. */
const MAX_SCRUBBED_TEXT = 64 * 1024;

/**
 * `text` with every word (and every scheme-and-token pair, as in `Bearer <token>`) that the detector
 * recognises as a credential replaced by `[redacted <kind>]`.
 */
export function redactCredentialsInText(text: string): string {
  const bounded = text.length > MAX_SCRUBBED_TEXT ? `${text.slice(0, MAX_SCRUBBED_TEXT)}…` : text;
  if (detectCredentialFormat(bounded) === undefined) return bounded;
  const parts = bounded.split(/(\s+)/);
  for (let index = 0; index < parts.length; index += 2) {
    const word = parts[index];
    const previous = index >= 2 ? `${parts[index - 2]} ${word}` : undefined;
    const match =
      detectCredentialFormat(word) ?? (previous === undefined ? undefined : detectCredentialFormat(previous));
    if (match) parts[index] = `[redacted ${match.kind}]`;
  }
  const scrubbed = parts.join("");
  // A credential the word split cannot isolate (one spread over several words): drop the whole text.
  return detectCredentialFormat(scrubbed) === undefined
    ? scrubbed
    : "[message withheld: it quotes a credential]";
}

function scrubbedFinding(finding: Finding): Finding {
  const scrubbed: Finding = { ...finding, message: redactCredentialsInText(finding.message) };
  if (finding.waiver)
    scrubbed.waiver = { ...finding.waiver, reason: redactCredentialsInText(finding.waiver.reason) };
  return scrubbed;
}

/** The report with every finding's text scrubbed of credentials (inputs are left to reportedInputs). */
export function withoutCredentialsInText(report: ComplianceReport): ComplianceReport {
  const scrubbed = new Map(report.findings.map((finding) => [finding, scrubbedFinding(finding)]));
  const scrub = (finding: Finding): Finding => scrubbed.get(finding) ?? scrubbedFinding(finding);
  return {
    ...report,
    findings: report.findings.map(scrub),
    rules: report.rules.map((rule) => ({
      ...rule,
      findings: rule.findings.map(scrub),
      ...(rule.note === undefined ? {} : { note: redactCredentialsInText(rule.note) }),
    })),
  };
}
