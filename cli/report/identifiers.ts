// Identifiers a report prints (issue 11 "no value echoed"): a resource's name, its URN, its parent's
// and provider's URNs, its ID, the stack and the file a finding points at are printed by every format
// (the resource tree, the RESOURCE column, SARIF locations and logical names, JUnit test names, HTML),
// whatever `--show-values` says. A resource named by a pasted token would print the token there, while
// the finding message says `[redacted github-token]`. So every identifier part that the credential
// detector recognises as a credential format becomes `[redacted <kind>]`, the same marker everywhere,
// inside URNs too, before any formatter sees the report.
import type { SourceLocation } from "@scaleway-infra/contracts/documents/source-location";
import { detectCredentialFormat } from "@scaleway-infra/contracts/detectors/credentials";
import type { ComplianceReport, Finding, PlannedResource } from "../plan/model";
import { redactCredentialsInText } from "./redact";
import type { SecretValues } from "./secret-values";

/** URN and type-chain separators: `urn:pulumi:stack::project::type$type::name`, `provider::id`. */
const SEPARATORS = /(::|\$|\/)/;

/**
 * `identifier` with every part the detector recognises as a credential replaced by
 * `[redacted <kind>]`: the whole identifier, else each `::`/`$`/`/`-separated part, else each word.
 */
export function redactCredentialsInIdentifier(identifier: string): string {
  if (detectCredentialFormat(identifier) === undefined) return identifier;
  const parts = identifier.split(SEPARATORS);
  for (let index = 0; index < parts.length; index += 2) {
    const part = parts[index];
    const match = detectCredentialFormat(part);
    if (match) parts[index] = `[redacted ${match.kind}]`;
    else parts[index] = redactCredentialsInText(part);
  }
  const redacted = parts.join("");
  if (detectCredentialFormat(redacted) === undefined) return redacted;
  // A credential spread over separators (a URL with a password in a name): redact the whole identifier.
  return `[redacted ${detectCredentialFormat(identifier)?.kind ?? "credential"}]`;
}

function redactedSource(source: SourceLocation | undefined): SourceLocation | undefined {
  if (!source) return source;
  const out: SourceLocation = { ...source, file: redactCredentialsInIdentifier(source.file) };
  if (source.configKey !== undefined) out.configKey = redactCredentialsInIdentifier(source.configKey);
  if (source.pointer !== undefined) out.pointer = redactCredentialsInIdentifier(source.pointer);
  return out;
}

/** Whether any identifier of the report needs redacting (most reports: none, and stay the same object). */
function anyCredential(report: ComplianceReport): boolean {
  const texts: (string | undefined)[] = [report.stack, report.environment];
  for (const resource of report.resources)
    texts.push(
      resource.urn,
      resource.name,
      resource.parent,
      resource.provider,
      resource.id,
      resource.source?.file,
      ...resource.dependencies,
    );
  for (const finding of report.findings) texts.push(finding.urn, finding.resourceName, finding.source?.file);
  return texts.some((text) => text !== undefined && detectCredentialFormat(text) !== undefined);
}

/**
 * The report with every identifier scrubbed of credentials, and the secret values remapped to the
 * scrubbed URNs (secret-values.ts keys its paths by URN).
 */
export function withoutCredentialsInIdentifiers(
  report: ComplianceReport,
  secrets: SecretValues,
): { report: ComplianceReport; secrets: SecretValues } {
  if (!anyCredential(report)) return { report, secrets };
  const id = redactCredentialsInIdentifier;
  const resource = (item: PlannedResource): PlannedResource => {
    const out: PlannedResource = {
      ...item,
      urn: id(item.urn),
      name: id(item.name),
      dependencies: item.dependencies.map(id),
    };
    if (item.parent !== undefined) out.parent = id(item.parent);
    if (item.provider !== undefined) out.provider = id(item.provider);
    if (item.id !== undefined) out.id = id(item.id);
    if (item.source !== undefined) out.source = redactedSource(item.source);
    return out;
  };
  const finding = (item: Finding): Finding => {
    const out: Finding = { ...item };
    if (item.urn !== undefined) out.urn = id(item.urn);
    if (item.resourceName !== undefined) out.resourceName = id(item.resourceName);
    if (item.source !== undefined) out.source = redactedSource(item.source);
    return out;
  };
  const findings = new Map(report.findings.map((item) => [item, finding(item)]));
  const once = (item: Finding): Finding => findings.get(item) ?? finding(item);
  const paths = new Map<string, Set<string>>();
  for (const [urn, set] of secrets.paths) {
    const key = id(urn);
    paths.set(key, new Set([...(paths.get(key) ?? []), ...set]));
  }
  return {
    report: {
      ...report,
      stack: id(report.stack),
      environment: id(report.environment),
      resources: report.resources.map(resource),
      findings: report.findings.map(once),
      rules: report.rules.map((rule) => ({
        ...rule,
        findings: rule.findings.map(once),
        ...(rule.source === undefined ? {} : { source: redactedSource(rule.source) }),
      })),
    },
    secrets: { paths, values: secrets.values },
  };
}
