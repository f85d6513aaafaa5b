// Stack policies: environment isolation (OPS-1), monitoring coverage (OPS-4, see monitoring-coverage.ts)
// and unique alert names (ALR-1). They look at all resources of a stack together. The program's alert
// rules are pushed by a dynamic resource (`pulumi-nodejs:dynamic:Resource`) whose inputs hold
// Prometheus rule groups, `groups[].rules[]` with `alert`, `expr` and `labels.service`.
import { DATABASE_SERVICE_NAME, ENVIRONMENTS, isEnvironmentName } from "@scaleway-infra/contracts/thresholds";
import { stackPolicy, type ContractPolicy } from "./metadata";
import type { PolicyResource } from "./policy-types";
import { isComputed, parseUrn, stringProp, tagValue, tagsOf } from "./resource-context";
import { isKind } from "./resource-types";
import {
  alertResources,
  alertRulesOf,
  coverageOf,
  knownName,
  type AlertRuleView,
} from "./monitoring-coverage";

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

/** The service a container or database is known by in alerts: its `service:` tag, else its name. */
function serviceNameOf(resource: PolicyResource): string {
  const tagged = tagValue(tagsOf(resource.props), "service");
  if (tagged !== undefined) return tagged;
  if (isKind(resource.type, "databaseInstance")) return DATABASE_SERVICE_NAME;
  return knownString(resource, "name") ?? resource.name;
}

export const stackMonitoringCoverage = stackPolicy({
  name: "stack-monitoring-coverage",
  description:
    "Every container and database instance of the stack is watched: an alert rule's query selects its series, or (database) Scaleway's preconfigured PostgreSQL alerts are enabled.",
  ruleIds: ["OPS-4"],
  severity: "high",
  remediationSteps:
    'Add an alert whose query selects the resource\'s series by its Scaleway name, e.g. serverless_container_status{resource_name="<container name>",status="error"} >= 1, or, for a database, enable the preconfigured PostgreSQL alerts on the Cockpit alert manager (preconfiguredAlertIds).',
  validate: (args, report) => {
    const watched = args.resources.filter(
      (r) => isKind(r.type, "container") || isKind(r.type, "databaseInstance"),
    );
    if (watched.length === 0) args.notApplicable("The stack has no container or database instance");
    const rules = alertResources(args.resources).flatMap(alertRulesOf);
    const alertManagers = args.resources.filter((r) => isKind(r.type, "alertManager"));
    for (const resource of watched) {
      const kind = isKind(resource.type, "container") ? "container" : "databaseInstance";
      const verdict = coverageOf(kind, knownName(resource), serviceNameOf(resource), rules, alertManagers);
      if (verdict.watched) continue;
      report(`${resource.name} is watched by no alert: ${verdict.reason}.`, resource.urn);
    }
  },
});

export const alertNamesUnique = stackPolicy({
  name: "alert-names-unique",
  description: "Every alert rule name is unique within the environment.",
  ruleIds: ["ALR-1"],
  severity: "medium",
  remediationSteps: "Rename one of the alert rules (its `alert` name) so that every name appears once.",
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
