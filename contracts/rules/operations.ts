// Operations rules of the validation summary (CONTRACT-RULES.md "Validation summary": OPS-*).
import { ruleGroup } from "./rule";

export const OPERATIONS_RULES = ruleGroup("operations", [
  {
    id: "OPS-1",
    title: "Environment isolation: a stack touches only its own environment",
    seed: "Environment isolation: a stack touches only its own environment's project, names and buckets.",
    preview: true,
    decidedBy: ["policy"],
    stackFile: { environment: ["/name"] },
  },
  {
    id: "OPS-2",
    title: "State locking configured",
    seed: "State locking configured (STA-3).",
    decidedBy: ["workflow", "summary"],
    summarizes: ["STA-3"],
    workflow: [{ module: "cli/deploy/lock.ts", tests: ["tests/deploy/lock.test.ts"] }],
  },
  {
    id: "OPS-3",
    title: "Rollback procedures defined",
    seed: "Rollback procedures defined (DEP-3).",
    decidedBy: ["workflow", "summary"],
    summarizes: ["DEP-3"],
    workflow: [{ module: "cli/deploy/workflow.ts", tests: ["tests/deploy/fault-injection.test.ts"] }],
    outsidePlan: {
      by: "deployment-workflow",
      note: "decided by the deployment workflow (`scw-infra deploy`) at deploy time, not by a plan or a scan",
    },
  },
  {
    id: "OPS-4",
    title: "Monitoring coverage: every container and database is watched",
    seed: "Monitoring coverage complete: every container and database is watched by at least one alert.",
    preview: true,
    decidedBy: ["schema", "stack", "policy"],
  },
]);
