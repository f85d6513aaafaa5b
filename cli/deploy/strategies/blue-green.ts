// blue_green on Scaleway: the release runs first as a green twin of each service, a container of its
// own with its own endpoint, while blue (the service's container, which keeps its custom domains)
// serves every user. Health checks and smoke tests run against the twin's endpoint. Only when the
// twin passes is blue switched to the release, by a rolling update that Scaleway itself aborts if the
// new version fails its health check, and the twin is removed in the same update. Custom domains are
// never moved: a domain is bound to one container and is only ready once its CNAME points at that
// container (containers.domain-bound-to-one-container), so moving it would take the site down.
// Guarantee: until the twin passed, users never reach the release.
import {
  DOMAIN_BOUND_TO_ONE_CONTAINER,
  FAILING_HEALTH_CHECK_ABORTS,
} from "@scaleway-infra/contracts/scaleway/facts/container-rollout";
import { copyName } from "../release-config";
import type { StrategyContext } from "./context";

export const BLUE_GREEN_FACTS = [DOMAIN_BOUND_TO_ONE_CONTAINER, FAILING_HEALTH_CHECK_ABORTS];

export async function blueGreen(context: StrategyContext): Promise<void> {
  const green = context.services.map((spec) => ({
    service: spec.name,
    container: copyName(spec.name, "green"),
  }));
  const blue = context.services.map((spec) => ({ service: spec.name, container: spec.name }));

  await context.setDeploymentConfig(context.copiesConfig("green"));
  await context.apply("create the green twin with the release image (custom domains stay on blue)");
  await context.validate(green, "green twin, on its own endpoint");

  await context.setReleaseImages();
  await context.setDeploymentConfig(undefined);
  await context.apply("switch blue to the release (rolling update) and remove the green twin");
  await context.validate(blue, "blue at the release");
  context.markDeployed();
}
