// Deployment workflow rules (deployment_request / deployment_response, CONTRACT-RULES.md "Deployment
// workflow"). A plan or a scan cannot decide them: `scw-infra deploy` does, at deploy time.
import { DEPLOYMENT_STATUSES, DEPLOYMENT_STRATEGIES } from "../thresholds";
import { ruleGroup } from "./rule";

const AT_DEPLOY_TIME = {
  by: "deployment-workflow",
  note: "decided by the deployment workflow (`scw-infra deploy`) at deploy time, not by a plan or a scan",
} as const;

export const DEPLOYMENT_RULES = ruleGroup("deployment", [
  {
    id: "DEP-1",
    title: "A deployment request is complete and names existing services",
    seed: "A request names an environment, services that exist, a version, a strategy (rolling, blue_green, canary), rollback and validation settings, notifications.",
    decidedBy: ["schema", "workflow"],
    thresholds: { strategies: DEPLOYMENT_STRATEGIES },
    workflow: [
      {
        module: "cli/deploy/request.ts",
        tests: ["tests/deploy/request.test.ts", "tests/deploy/deploy-command.test.ts"],
      },
    ],
    outsidePlan: AT_DEPLOY_TIME,
  },
  {
    id: "DEP-2",
    title: "A deployment response follows deployment_response",
    seed: "A response follows deployment_response: id, status (pending, in_progress, completed, failed, rolled_back), times, per-service status/url/health, rollback info, errors.",
    decidedBy: ["schema", "code", "workflow"],
    thresholds: { statuses: DEPLOYMENT_STATUSES },
    workflow: [
      { module: "cli/deploy/workflow.ts", tests: ["tests/rules/traceability/deployment-response.test.ts"] },
    ],
    outsidePlan: AT_DEPLOY_TIME,
  },
  {
    id: "DEP-3",
    title: "Production requests have rollback enabled and health checks on",
    seed: "Rollback procedures are defined: production requests have rollback enabled and health checks on.",
    decidedBy: ["schema", "workflow"],
    workflow: [{ module: "cli/deploy/request.ts", tests: ["tests/deploy/deploy-command.test.ts"] }],
    outsidePlan: AT_DEPLOY_TIME,
  },
]);
