// Reads each environment's state_spec and environment_config from the main project's stack file
// (../Pulumi.<env>.yaml) and validates them against their contracts (STA-*, ENV-*), so that the
// bootstrap creates exactly the bucket the stack declares.
import * as path from "node:path";
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import { validateContract } from "@scaleway-infra/contracts/documents";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { StateBucketPlan, checkDistinctBuckets, stateBucketPlan } from "./state-bucket";

export function stateBucketPlansFromStacks(
  stackDir: string,
  environments: readonly string[],
): StateBucketPlan[] {
  const plans = environments.map((environment) => {
    const file = path.join(stackDir, `Pulumi.${environment}.yaml`);
    const input = readStackFile(file);
    for (const key of ["state", "environment"] as const) {
      if (input.values[key] === undefined) {
        throw new InfraError("INFRA_001", `${file} has no scaleway-infra:${key}.`, {
          problems: [
            {
              path: "",
              configKey: `scaleway-infra:${key}`,
              rule: key === "state" ? "STA-1" : "ENV-1",
              message: "is missing",
              fix: `Declare scaleway-infra:${key} in ${file}.`,
              file,
            },
          ],
        });
      }
    }
    const locate = (key: "state" | "environment") => (pointer: string) => input.locate?.(key, pointer);
    const state = validateContract("state", input.values.state, { file, locate: locate("state") });
    const env = validateContract("environment", input.values.environment, {
      file,
      locate: locate("environment"),
    });
    return stateBucketPlan(state, env, file);
  });
  checkDistinctBuckets(plans);
  return plans;
}
