// scaleway-infra-bootstrap: what must exist before the first `pulumi up` of an environment, read from
// ../Pulumi.<env>.yaml: its state bucket (with the `pulumi login` line, exported and logged) and its
// private registry namespace, which must hold the images before the containers are created.
// Usage: docs/state-buckets.md (the buckets) and docs/runbook.md (the order of the first run).
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ENVIRONMENTS } from "@scaleway-infra/contracts/thresholds";
import { StateBucket } from "./state-bucket-component";
import { Registry } from "../components/registry/registry";
import { stateBucketPlansFromStacks } from "./stack-state";
import { registryNamespacePlansFromStacks } from "./stack-registry";

const config = new pulumi.Config("scaleway-infra-bootstrap");
const environments = config.getObject<string[]>("environments") ?? [...ENVIRONMENTS];
const stackDir = path.resolve(__dirname, config.get("stackDir") ?? "..");

const buckets = stateBucketPlansFromStacks(stackDir, environments).map(
  (plan) => new StateBucket(`state-${plan.environment}`, plan),
);
for (const bucket of buckets) pulumi.log.info(bucket.loginCommand, bucket);

export const stateBuckets = Object.fromEntries(buckets.map((b, i) => [environments[i], b.bucket.name]));
export const pulumiLogin = Object.fromEntries(buckets.map((b, i) => [environments[i], b.loginCommand]));

const registries = registryNamespacePlansFromStacks(stackDir, environments).map(
  (plan) =>
    new Registry(`registry-${plan.environment}`, {
      placement: { env: plan.environment, projectId: plan.projectId, region: plan.region },
      namespaceName: plan.namespace,
    }),
);
export const registryEndpoints = Object.fromEntries(registries.map((r, i) => [environments[i], r.endpoint]));
