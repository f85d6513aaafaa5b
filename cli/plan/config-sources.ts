// Maps planned resources and findings back to the stack-file value behind them, so reports (SARIF
// above all) point at the line a person edits: a container resource to its container_spec entry, a
// minScale finding (CTR-4) to that entry's `scaling.min_instances`, a database ACL finding (DB-4) to
// `network.allowed_ips`. The mapping follows the component tree: each resource belongs to the nearest
// component that stands for one contract document. Without a stack-file position the resource keeps
// the TypeScript line that declared it.
import type { StackConfigKey, StackInput } from "@scaleway-infra/contracts/config/stack-input";
import { copyName } from "@scaleway-infra/contracts/documents/deployment-config";
import type { StackContracts } from "@scaleway-infra/contracts/documents/types";
import { CONTRACT_RULES } from "@scaleway-infra/contracts/rules/catalog";
import type { Finding, PlannedResource, SourceLocation } from "./model";

/** A contract document (or a field of one) in the stack file. */
export interface ConfigValueRef {
  key: StackConfigKey;
  /** JSON pointer inside the key's value: `/0` for the first container, `` for the database. */
  pointer: string;
}

const COMPONENT_TYPES = {
  container: "scaleway-infra:containers:ServerlessContainer",
  database: "scaleway-infra:database:PostgresDatabase",
  secret: "scaleway-infra:secrets:ManagedSecret",
  alerting: "scaleway-infra:alerting:Alerting",
  network: "scaleway-infra:network:Network",
  registry: "scaleway-infra:registry:Registry",
} as const;

/**
 * The contract field behind each rule, per kind of document, from the rule book's `stackFile`
 * pointers; the first that the file holds wins.
 */
function ruleFields(
  kind: "container" | "database" | "secret" | "environment",
): Record<string, readonly string[]> {
  const fields: Record<string, readonly string[]> = {};
  for (const rule of CONTRACT_RULES) {
    const pointers = rule.stackFile?.[kind];
    if (pointers) fields[rule.id] = pointers;
  }
  return fields;
}

const RULE_FIELDS: Readonly<
  Record<"container" | "database" | "secret", Readonly<Record<string, readonly string[]>>>
> = { container: ruleFields("container"), database: ruleFields("database"), secret: ruleFields("secret") };

/** Rules whose value lives in the environment document, whatever resource they are reported on. */
const ENVIRONMENT_FIELDS: Readonly<Record<string, readonly string[]>> = ruleFields("environment");

const ENVIRONMENT_COMPONENT = "scaleway-infra:environment:Environment";

type DocumentKind = "container" | "database" | "secret" | "alerts" | "environment" | "containers";

interface DocumentRef extends ConfigValueRef {
  kind: DocumentKind;
}

/** `staging-documentation` -> the container_spec whose name is `documentation`. */
function indexBySuffix<T extends { name: string }>(items: readonly T[], name: string): number {
  return items.findIndex((item) => name === item.name || name.endsWith(`-${item.name}`));
}

function documentOfComponent(component: PlannedResource, contracts: StackContracts): DocumentRef | undefined {
  switch (component.type) {
    case COMPONENT_TYPES.container: {
      // A deployment copy (`<env>-<service>-<slot>`) belongs to its entry in scaleway-infra:deployment.
      const copy = (contracts.deployment?.copies ?? []).findIndex(
        (c) =>
          component.name === copyName(c.service, c.slot) ||
          component.name.endsWith(`-${copyName(c.service, c.slot)}`),
      );
      if (copy >= 0) return { kind: "container", key: "deployment", pointer: `/copies/${copy}` };
      const index = indexBySuffix(contracts.containers, component.name);
      return index < 0 ? undefined : { kind: "container", key: "containers", pointer: `/${index}` };
    }
    case COMPONENT_TYPES.database:
      return { kind: "database", key: "database", pointer: "" };
    case COMPONENT_TYPES.secret: {
      const index = contracts.secrets.findIndex((s) => s.name === component.name);
      return index < 0 ? undefined : { kind: "secret", key: "secrets", pointer: `/${index}` };
    }
    case COMPONENT_TYPES.alerting:
      return { kind: "alerts", key: "alerts", pointer: "" };
    case COMPONENT_TYPES.network:
      return { kind: "environment", key: "environment", pointer: "/networking" };
    case COMPONENT_TYPES.registry:
      return { kind: "containers", key: "containers", pointer: "" };
    default:
      return undefined;
  }
}

/** The document a resource stands for: its own component, else the nearest component above it. */
export function documentOf(
  resource: PlannedResource,
  byUrn: ReadonlyMap<string, PlannedResource>,
  contracts: StackContracts,
): DocumentRef | undefined {
  for (
    let current: PlannedResource | undefined = resource;
    current;
    current = current.parent ? byUrn.get(current.parent) : undefined
  ) {
    const document = documentOfComponent(current, contracts);
    if (document) return refineWithinDocument(resource, document, contracts);
  }
  // Resources of the environment component itself: an IAM application per service, the container
  // namespace. A resource outside the components (written by hand) keeps its TypeScript line.
  const parent = resource.parent ? byUrn.get(resource.parent) : undefined;
  if (parent?.type !== ENVIRONMENT_COMPONENT) return undefined;
  const service = indexBySuffix(contracts.containers, resource.name);
  if (resource.type.includes(":iam/") && service >= 0)
    return { kind: "container", key: "containers", pointer: `/${service}` };
  if (resource.type.startsWith("scaleway:containers/namespace"))
    return { kind: "containers", key: "containers", pointer: "" };
  if (resource.type.startsWith("scaleway:")) return { kind: "environment", key: "environment", pointer: "" };
  return undefined;
}

/** A database user or privilege belongs to its `users[i]` entry; an alert rule to its alert. */
function refineWithinDocument(
  resource: PlannedResource,
  document: DocumentRef,
  contracts: StackContracts,
): DocumentRef {
  if (document.kind === "database" && /:databases\/(user|privilege):/.test(resource.type)) {
    const index = contracts.database.users.findIndex(
      (u) => resource.name.endsWith(`-${u.name}`) || resource.name.endsWith(`-${u.name}-privilege`),
    );
    if (index >= 0) return { ...document, pointer: `/users/${index}` };
  }
  return document;
}

function locate(input: StackInput, ref: ConfigValueRef): SourceLocation | undefined {
  const location = input.locate?.(ref.key, ref.pointer);
  if (!location) return undefined;
  return {
    ...location,
    configKey: location.configKey ?? `scaleway-infra:${ref.key}`,
    pointer: location.pointer ?? ref.pointer,
  };
}

/** Gives each resource the stack-file location of its contract document, when the file has one. */
export function locateInStackFile(
  resources: PlannedResource[],
  contracts: StackContracts,
  input: StackInput,
): PlannedResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return resources.map((resource) => {
    const document = documentOf(resource, byUrn, contracts);
    const location = document ? locate(input, document) : undefined;
    return location ? { ...resource, source: location } : resource;
  });
}

/**
 * Moves each finding from its resource's document to the field the rule is about (CTR-4 to
 * `scaling.min_instances`), when the stack file holds that field; otherwise leaves it where it is.
 */
export function locateFindings(
  findings: readonly Finding[],
  resources: readonly PlannedResource[],
  contracts: StackContracts,
  input: StackInput,
): Finding[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return findings.map((finding) => {
    const resource = finding.urn ? byUrn.get(finding.urn) : undefined;
    const document = resource ? documentOf(resource, byUrn, contracts) : undefined;
    const candidates: ConfigValueRef[] = [];
    for (const ruleId of finding.ruleIds) {
      for (const field of ENVIRONMENT_FIELDS[ruleId] ?? [])
        candidates.push({ key: "environment", pointer: field });
      if (!document || !(document.kind in RULE_FIELDS)) continue;
      const fields = RULE_FIELDS[document.kind as keyof typeof RULE_FIELDS][ruleId] ?? [];
      for (const field of fields)
        candidates.push({ key: document.key, pointer: `${document.pointer}${field}` });
    }
    // Rules that concern the whole stack (OPS-4) point at the document they ask to change.
    if (!resource && finding.ruleIds.includes("OPS-4")) candidates.push({ key: "alerts", pointer: "" });
    for (const candidate of candidates) {
      const location = locate(input, candidate);
      if (location) return { ...finding, source: location };
    }
    return finding;
  });
}
