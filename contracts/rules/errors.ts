// Error rules (error_response, CONTRACT-RULES.md "Errors"): they concern every command's output, not
// the resources of a stack.
import { ruleGroup } from "./rule";

export const ERROR_RULES = ruleGroup("errors", [
  {
    id: "ERR-1",
    title: "Every failure follows error_response",
    seed: "Every failure the project reports follows error_response: code, message, optional details, timestamp, request_id.",
    decidedBy: ["schema", "workflow"],
    workflow: [
      {
        module: "contracts/errors/infra-error.ts",
        tests: ["tests/rules/traceability/error-response.test.ts"],
      },
    ],
    outsidePlan: {
      by: "other-command",
      note: "concerns the error output of every command, not the resources of a stack",
    },
  },
  {
    id: "ERR-2",
    title: "Error codes are INFRA_001..INFRA_008",
    seed: "Codes: INFRA_001 invalid configuration, INFRA_002 resource limit exceeded, INFRA_003 permission denied, INFRA_004 resource not found, INFRA_005 deployment failed, INFRA_006 health check failed, INFRA_007 backup failed, INFRA_008 state lock conflict.",
    decidedBy: ["schema", "workflow"],
    workflow: [
      {
        module: "contracts/errors/infra-error.ts",
        tests: ["tests/rules/traceability/error-response.test.ts"],
      },
      { module: "cli/deploy/engine/engine-errors.ts", tests: ["tests/deploy/engine-errors.test.ts"] },
    ],
    outsidePlan: {
      by: "other-command",
      note: "concerns the error codes of every command, not the resources of a stack",
    },
  },
]);
