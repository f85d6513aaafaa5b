// Pure logic of the bootstrap project: from an environment's state_spec and environment_config to
// the bucket that must hold its Pulumi state (STA-1..STA-5, OPS-1), and the `pulumi login` line that
// points Pulumi at it. No Pulumi here, so every rule is tested without an engine.
import type { EnvironmentConfig, StateSpec } from "@scaleway-infra/contracts/documents/types";
import { InfraError, ProblemDetail } from "@scaleway-infra/contracts/errors/infra-error";
import {
  STATE_ABORT_MULTIPART_DAYS,
  STATE_BUCKET_TAG,
  STATE_BUCKET_TAG_VALUE,
  STATE_NONCURRENT_VERSION_DAYS,
  envTag,
  serviceTag,
} from "@scaleway-infra/contracts/thresholds";

export interface StateBucketPlan {
  environment: StateSpec["environment"];
  bucket: string;
  region: string;
  /** The environment's own Scaleway project (OPS-1: environments never share a bucket or project). */
  projectId: string;
  /** Object Storage tags are a map: `env: staging`, `service: state`, `purpose: pulumi-state`. */
  tags: Record<string, string>;
  sseAlgorithm: string;
  acl: "private";
  lifecycle: { noncurrentVersionDays: number; abortIncompleteMultipartUploadDays: number };
  /** Where Pulumi should log in to use this bucket. */
  loginCommand: string;
}

/** `env:staging` -> `{ env: "staging" }`: the program's tag strings, as a bucket's tag map. */
export function tagMapOf(tags: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    tags.map((tag) => {
      const colon = tag.indexOf(":");
      return [tag.slice(0, colon), tag.slice(colon + 1)];
    }),
  );
}

/** The backend URL of Pulumi's S3 (DIY) backend on Scaleway Object Storage, as a `pulumi login` line. */
export function pulumiLoginCommand(bucket: string, region: string): string {
  return `pulumi login 's3://${bucket}?endpoint=s3.${region}.scw.cloud&region=${region}&s3ForcePathStyle=true'`;
}

export function stateBucketPlan(
  state: StateSpec,
  environment: EnvironmentConfig,
  file?: string,
): StateBucketPlan {
  const problems: ProblemDetail[] = [];
  const where = file ? { file, configKey: "scaleway-infra:state" } : { configKey: "scaleway-infra:state" };
  if (state.backend.type !== "s3") {
    problems.push({
      path: "/backend/type",
      rule: "STA-1",
      message: "must be s3 (Scaleway Object Storage)",
      fix: "Set backend.type: s3.",
      ...where,
    });
  }
  if (!state.encryption.enabled) {
    problems.push({
      path: "/encryption/enabled",
      rule: "STA-4",
      message: "must be true: state holds every resource's inputs",
      fix: "Set encryption.enabled: true.",
      ...where,
    });
  }
  if (state.environment !== environment.name) {
    problems.push({
      path: "/environment",
      rule: "OPS-1",
      message: `is ${state.environment} but the stack's environment is ${environment.name}`,
      fix: "Keep each stack's state in its own environment's bucket.",
      ...where,
    });
  }
  if (problems.length > 0) {
    throw new InfraError("INFRA_001", `State bucket for ${environment.name} cannot be created as declared.`, {
      problems,
    });
  }
  return {
    environment: state.environment,
    bucket: state.backend.bucket,
    region: state.backend.region,
    projectId: environment.scaleway.project_id,
    tags: tagMapOf([
      envTag(state.environment),
      serviceTag("state"),
      `${STATE_BUCKET_TAG}:${STATE_BUCKET_TAG_VALUE}`,
    ]),
    sseAlgorithm: state.encryption.algorithm,
    acl: "private",
    lifecycle: {
      noncurrentVersionDays: STATE_NONCURRENT_VERSION_DAYS,
      abortIncompleteMultipartUploadDays: STATE_ABORT_MULTIPART_DAYS,
    },
    loginCommand: pulumiLoginCommand(state.backend.bucket, state.backend.region),
  };
}

/** STA-2: one bucket per environment; two environments naming the same bucket is INFRA_001. */
export function checkDistinctBuckets(plans: readonly StateBucketPlan[]): void {
  const owners = new Map<string, string>();
  const problems: ProblemDetail[] = [];
  for (const plan of plans) {
    const owner = owners.get(plan.bucket);
    if (owner !== undefined && owner !== plan.environment) {
      problems.push({
        path: "/backend/bucket",
        configKey: "scaleway-infra:state",
        rule: "STA-2",
        message: `bucket ${plan.bucket} is declared by both ${owner} and ${plan.environment}`,
        fix: "Give each environment its own state bucket, e.g. scaleway-infra-state-<env>.",
      });
    }
    owners.set(plan.bucket, plan.environment);
  }
  if (problems.length > 0)
    throw new InfraError("INFRA_001", "State buckets are shared between environments.", { problems });
}
