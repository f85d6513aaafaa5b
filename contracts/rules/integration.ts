// Integration rules (workflow_trigger, image_spec, CONTRACT-RULES.md "Integrations"): documents that
// are not part of a stack, checked by `scw-infra validate`.
import { WORKFLOW_EVENTS } from "../thresholds";
import { ruleGroup } from "./rule";

export const INTEGRATION_RULES = ruleGroup("integration", [
  {
    id: "INT-1",
    title: "Workflow triggers are valid; production requires approval and validation",
    seed: "workflow_trigger: event push or pull_request, branch, environment; production requires approval and validation.",
    decidedBy: ["schema"],
    thresholds: { events: WORKFLOW_EVENTS },
    outsidePlan: {
      by: "other-command",
      note: "workflow_trigger documents are not part of a stack; `scw-infra validate workflow-trigger` checks them",
    },
  },
  {
    id: "INT-2",
    title: "Image specs carry registry, repository, tag, digest and build info",
    seed: "image_spec: registry, repository, tag, optional digest, build_info (commit_sha, build_time, builder).",
    decidedBy: ["schema", "workflow"],
    workflow: [
      { module: "cli/deploy/request.ts", tests: ["tests/deploy/deploy-command.test.ts"] },
      { module: "contracts/image/image-spec.ts", tests: ["tests/image/image-spec-command.test.ts"] },
    ],
    outsidePlan: {
      by: "other-command",
      note: "image_spec documents are not part of a stack; `scw-infra validate image` checks them",
    },
  },
]);
