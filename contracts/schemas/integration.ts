// workflow_trigger (INT-1) and image_spec (INT-2): the GitHub Actions and Container Registry contracts.
import {
  ENVIRONMENTS,
  GIT_COMMIT_SHA_PATTERN,
  IMAGE_DIGEST_PATTERN,
  IMAGE_REPOSITORY_PATTERN,
  IMAGE_TAG_PATTERN,
  REGISTRY_HOST_PATTERN,
  WORKFLOW_EVENTS,
} from "../thresholds";
import {
  JsonSchema,
  SCHEMA_DIALECT,
  anchored,
  nonEmptyString,
  object,
  ruled,
  schemaId,
  when,
} from "./annotations";

export const workflowTriggerSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("workflow-trigger"),
  title: "workflow_trigger",
  description: "What starts a GitHub Actions deployment workflow (seed: GitHub Actions Integration).",
  ...ruled(
    "INT-1",
    { fix: "Give event, branch, environment, validation_required and approval_required." },
    object(
      {
        event: { type: "string", enum: [...WORKFLOW_EVENTS] },
        branch: ruled(
          "INT-1",
          { message: "must be a branch name without spaces", fix: "Give the branch name, e.g. main." },
          { type: "string", pattern: "^[^\\s~^:?*\\[\\\\]+$" },
        ),
        environment: { type: "string", enum: [...ENVIRONMENTS] },
        validation_required: { type: "boolean" },
        approval_required: { type: "boolean" },
      },
      ["event", "branch", "environment", "validation_required", "approval_required"],
    ),
  ),
  allOf: [
    when("environment", "production", {
      properties: {
        validation_required: ruled(
          "INT-1",
          { fix: "Production deployments require validation: set it to true." },
          { const: true },
        ),
        approval_required: ruled(
          "INT-1",
          { fix: "Production deployments require approval: set it to true." },
          { const: true },
        ),
      },
    }),
  ],
};

export const imageSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("image"),
  title: "image_spec",
  description:
    "An image in Scaleway Container Registry and how it was built (seed: Container Registry Integration).",
  ...ruled(
    "INT-2",
    { fix: "Give registry, repository, tag, build_info and, when known, the digest." },
    object(
      {
        registry: ruled(
          "CTR-2",
          {
            message: "must be an EU Scaleway Container Registry endpoint, rg.<region>.scw.cloud",
            fix: "Use rg.fr-par.scw.cloud, rg.nl-ams.scw.cloud or rg.pl-waw.scw.cloud.",
          },
          { type: "string", pattern: anchored(REGISTRY_HOST_PATTERN) },
        ),
        repository: ruled(
          "INT-2",
          {
            message: "must be <namespace>/<repository> in lowercase",
            fix: "Write the repository as namespace/name.",
          },
          { type: "string", pattern: IMAGE_REPOSITORY_PATTERN },
        ),
        tag: ruled(
          "INT-2",
          {
            message: "must be a registry tag (letters, digits, _ . -)",
            fix: "Use a release tag such as 1.4.2.",
          },
          { type: "string", pattern: IMAGE_TAG_PATTERN },
        ),
        digest: ruled(
          "INT-2",
          {
            message: "must be sha256:<64 hex digits>",
            fix: "Copy the digest printed by docker push (sha256:...).",
          },
          { type: "string", pattern: IMAGE_DIGEST_PATTERN },
        ),
        build_info: object(
          {
            commit_sha: ruled(
              "INT-2",
              {
                message: "must be a full 40-character git commit SHA",
                fix: "Use the output of git rev-parse HEAD.",
              },
              { type: "string", pattern: GIT_COMMIT_SHA_PATTERN },
            ),
            build_time: { type: "string", format: "date-time" },
            builder: nonEmptyString,
          },
          ["commit_sha", "build_time", "builder"],
        ),
      },
      ["registry", "repository", "tag", "build_info"],
    ),
  ),
};
