// The strategies by the name a deployment request gives them (DEP-1).
import type { DeploymentRequest } from "@scaleway-infra/contracts/documents/types";
import { blueGreen } from "./blue-green";
import { canary } from "./canary";
import type { Strategy } from "./context";
import { rolling } from "./rolling";

export const STRATEGIES: Record<DeploymentRequest["strategy"], Strategy> = {
  rolling,
  blue_green: blueGreen,
  canary,
};
