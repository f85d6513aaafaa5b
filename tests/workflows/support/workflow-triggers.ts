// Reads a GitHub Actions workflow as the workflow_trigger contract (INT-1) sees it: one document per
// event x branch x environment a job of the workflow deploys to or previews.
// - environment: the job's GitHub environment (a `${{ matrix.<key> }}` is expanded);
// - validation_required: the job runs the policy pack itself (pulumi/actions with policyPacks, or
//   `scw-infra deploy`, which previews with the pack and health-checks);
// - approval_required: the job runs in a GitHub environment configured with required reviewers
//   (APPROVAL_ENVIRONMENTS; the reviewers themselves are repository settings, see the deploy docs).
import type { WorkflowTrigger } from "@scaleway-infra/contracts/documents/types";

/** GitHub environments whose deployments need a reviewer's approval (repository settings). */
export const APPROVAL_ENVIRONMENTS: readonly string[] = ["production"];

export interface WorkflowStep {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

export interface WorkflowJob {
  environment?: string | { name: string };
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown> };
  steps?: WorkflowStep[];
}

export interface Workflow {
  on: string | string[] | Record<string, { branches?: string[] } | null>;
  jobs: Record<string, WorkflowJob>;
}

/** Trigger documents, each with the job it came from. */
export interface DerivedTrigger {
  job: string;
  trigger: WorkflowTrigger;
}

export function eventsOf(workflow: Workflow): Array<{ event: string; branches: string[] }> {
  const on = workflow.on;
  const names = typeof on === "string" ? [on] : Array.isArray(on) ? on : Object.keys(on);
  return names.map((event) => {
    const spec = typeof on === "object" && !Array.isArray(on) ? on[event] : null;
    return { event, branches: spec?.branches && spec.branches.length > 0 ? spec.branches : ["*"] };
  });
}

export function environmentsOf(job: WorkflowJob): string[] {
  if (job.environment === undefined) return [];
  const name = typeof job.environment === "string" ? job.environment : job.environment.name;
  const matrixRef = /^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$/.exec(name.trim());
  if (!matrixRef) return [name];
  const values = job.strategy?.matrix?.[matrixRef[1]];
  return Array.isArray(values) ? values.map(String) : [name];
}

export function runsPolicyPack(job: WorkflowJob): boolean {
  return (job.steps ?? []).some(
    (step) =>
      (step.uses?.startsWith("pulumi/actions@") === true &&
        typeof step.with?.policyPacks === "string" &&
        step.with.command !== undefined) ||
      (step.run !== undefined && /scw-infra(\.js)? deploy\b/.test(step.run)),
  );
}

export function deriveTriggers(workflow: Workflow): DerivedTrigger[] {
  const triggers: DerivedTrigger[] = [];
  for (const { event, branches } of eventsOf(workflow)) {
    for (const branch of branches) {
      for (const [jobName, job] of Object.entries(workflow.jobs)) {
        for (const environment of environmentsOf(job)) {
          triggers.push({
            job: jobName,
            trigger: {
              event: event as WorkflowTrigger["event"],
              branch,
              environment: environment as WorkflowTrigger["environment"],
              validation_required: runsPolicyPack(job),
              approval_required: APPROVAL_ENVIRONMENTS.includes(environment),
            },
          });
        }
      }
    }
  }
  return triggers;
}
