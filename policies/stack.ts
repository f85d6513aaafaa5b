// Stack policies: environment isolation (OPS-1), monitoring coverage (OPS-4) and unique alert names
// (ALR-1). They look at all resources of a stack together. The program's alert rules are pushed by a
// dynamic resource (`pulumi-nodejs:dynamic:Resource`) whose inputs hold Prometheus rule groups,
// `groups[].rules[]` with `alert` and `labels.service`, and a `targets` list of the services watched.
import { DATABASE_SERVICE_NAME, ENVIRONMENTS, isEnvironmentName } from "../lib/rules/thresholds";
import { stackPolicy, type ContractPolicy } from "./metadata";
import type { PolicyResource } from "./policy-types";
import {
  arrayProp,
  isComputed,
  objectProp,
  parseUrn,
  stringProp,
  tagValue,
  tagsOf,
} from "./resource-context";
import { isKind } from "./resource-types";

/** Matches an environment's name as a word of its own (`db-staging`, `staging/terraform.tfstate`). */
const ENVIRONMENT_WORDS: ReadonlyMap<string, RegExp> = new Map(
  ENVIRONMENTS.map((env) => [env, new RegExp(`(^|[^a-z])${env}([^a-z]|$)`, "i")]),
);

function mentionsEnvironment(text: string, environment: string): boolean {
  return ENVIRONMENT_WORDS.get(environment)?.test(text) ?? false;
}

function knownString(resource: PolicyResource, key: string): string | undefined {
  return isComputed(resource.props, key) ? undefined : stringProp(resource.props, key);
}

export const stackEnvironmentIsolation = stackPolicy({
  name: "stack-environment-isolation",
  description: "Every stack touches one project and only its own environment's names and tags.",
  ruleIds: ["OPS-1"],
  severity: "critical",
  remediationSteps:
    "Name the stack after its environment (staging or production), give every resource that environment's `env:` tag and names, and point every resource at the environment's one project (scaleway:projectId).",
  validate: (args, report) => {
    const resources = args.resources.filter((r) => r.type.startsWith("scaleway:"));
    if (resources.length === 0) args.notApplicable("The stack has no Scaleway resource");
    const stack = parseUrn(resources[0].urn)?.stack ?? "";
    if (!isEnvironmentName(stack)) {
      report(`stack "${stack}" is not an environment; name the stack ${ENVIRONMENTS.join(" or ")}.`);
      return;
    }
    const others = ENVIRONMENTS.filter((e) => e !== stack);
    const projects = new Map<string, string[]>();
    for (const resource of resources) {
      const tagged = tagValue(tagsOf(resource.props), "env");
      if (tagged !== undefined && tagged !== stack) {
        report(
          `${resource.name} is tagged env:${tagged} in stack ${stack}; tag it env:${stack} or move it to its own stack.`,
          resource.urn,
        );
      }
      const name = knownString(resource, "name") ?? resource.name;
      for (const other of others.filter((o) => mentionsEnvironment(name, o))) {
        report(
          `${resource.name} is named "${name}", after environment ${other}, in stack ${stack}; use ${stack} names only.`,
          resource.urn,
        );
      }
      const projectId = knownString(resource, "projectId");
      if (projectId !== undefined) {
        // Append in place: copying the list per resource made this quadratic on large stacks.
        const names = projects.get(projectId);
        if (names) names.push(resource.name);
        else projects.set(projectId, [resource.name]);
      }
    }
    if (projects.size > 1) {
      const listed = [...projects].map(
        ([id, names]) => `${id} (${names.length}: ${names.slice(0, 3).join(", ")})`,
      );
      report(
        `the stack uses ${projects.size} projects: ${listed.join("; ")}; every resource of a stack belongs to its environment's one project.`,
      );
    }
  },
});

/** Alert rules found in the program's dynamic alerting resources. */
interface AlertRuleView {
  alert: string;
  service?: string;
  resource: PolicyResource;
}

function alertResources(resources: readonly PolicyResource[]): PolicyResource[] {
  // `in`, not a read: an unknown `groups` still marks the resource as an alerting one.
  return resources.filter((r) => isKind(r.type, "dynamic") && ("groups" in r.props || "targets" in r.props));
}

function alertRulesOf(resource: PolicyResource): AlertRuleView[] {
  return arrayProp(resource.props, "groups").flatMap((group) => {
    const rules =
      group && typeof group === "object" ? arrayProp(group as Record<string, unknown>, "rules") : [];
    return rules.flatMap((rule) => {
      if (!rule || typeof rule !== "object") return [];
      const fields = rule as Record<string, unknown>;
      const alert = stringProp(fields, "alert") ?? stringProp(fields, "name");
      if (alert === undefined) return [];
      const labels = objectProp(fields, "labels");
      return [{ alert, service: labels ? stringProp(labels, "service") : undefined, resource }];
    });
  });
}

/** The service a container or database is known by in alerts: its `service:` tag, else its name. */
function serviceNameOf(resource: PolicyResource): string {
  const tagged = tagValue(tagsOf(resource.props), "service");
  if (tagged !== undefined) return tagged;
  if (isKind(resource.type, "databaseInstance")) return DATABASE_SERVICE_NAME;
  return knownString(resource, "name") ?? resource.name;
}

export const stackMonitoringCoverage = stackPolicy({
  name: "stack-monitoring-coverage",
  description: "Every container and database instance of the stack is watched by at least one alert rule.",
  ruleIds: ["OPS-4"],
  severity: "high",
  remediationSteps:
    "Add an alert for the service to scaleway-infra:alerts (its rule carries `labels.service: <service>`), e.g. an error-rate or availability alert.",
  validate: (args, report) => {
    const watched = args.resources.filter(
      (r) => isKind(r.type, "container") || isKind(r.type, "databaseInstance"),
    );
    if (watched.length === 0) args.notApplicable("The stack has no container or database instance");
    const targets = new Set<string>();
    for (const resource of alertResources(args.resources)) {
      for (const rule of alertRulesOf(resource)) if (rule.service !== undefined) targets.add(rule.service);
      for (const target of arrayProp(resource.props, "targets"))
        if (typeof target === "string") targets.add(target);
    }
    for (const resource of watched) {
      const service = serviceNameOf(resource);
      if (targets.has(service) || targets.has(resource.urn)) continue;
      report(
        `${resource.name} (service ${service}) is watched by no alert rule; add an alert whose labels.service is "${service}".`,
        resource.urn,
      );
    }
  },
});

export const alertNamesUnique = stackPolicy({
  name: "alert-names-unique",
  description: "Every alert rule name is unique within the environment.",
  ruleIds: ["ALR-1"],
  severity: "medium",
  remediationSteps: "Rename one of the alerts in scaleway-infra:alerts so that every `name` appears once.",
  validate: (args, report) => {
    const rules = alertResources(args.resources).flatMap(alertRulesOf);
    if (rules.length === 0) args.notApplicable("The stack has no alert rule");
    const seen = new Map<string, AlertRuleView>();
    for (const rule of rules) {
      const first = seen.get(rule.alert);
      if (first) {
        report(
          `alert "${rule.alert}" is declared more than once (in ${first.resource.name} and ${rule.resource.name}); give each alert a unique name.`,
          rule.resource.urn,
        );
      } else {
        seen.set(rule.alert, rule);
      }
    }
  },
});

export const stackPolicies: readonly ContractPolicy[] = [
  stackEnvironmentIsolation,
  stackMonitoringCoverage,
  alertNamesUnique,
];
