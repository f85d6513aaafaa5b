// scaleway-infra-bootstrap: one state bucket per environment, read from ../Pulumi.<env>.yaml, and the
// `pulumi login` line for each, exported and logged. Usage: docs/state-buckets.md.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ENVIRONMENTS } from "../lib/rules/thresholds";
import { StateBucket } from "./state-bucket-component";
import { stateBucketPlansFromStacks } from "./stack-state";

const config = new pulumi.Config("scaleway-infra-bootstrap");
const environments = config.getObject<string[]>("environments") ?? [...ENVIRONMENTS];
const stackDir = path.resolve(__dirname, config.get("stackDir") ?? "..");

const buckets = stateBucketPlansFromStacks(stackDir, environments).map(
  (plan) => new StateBucket(`state-${plan.environment}`, plan),
);
for (const bucket of buckets) pulumi.log.info(bucket.loginCommand, bucket);

export const stateBuckets = Object.fromEntries(buckets.map((b, i) => [environments[i], b.bucket.name]));
export const pulumiLogin = Object.fromEntries(buckets.map((b, i) => [environments[i], b.loginCommand]));
