// The config the deployment workflow writes into the stack and the outputs it reads back. This is the
// contract between the workflow and the Pulumi program (documented in docs/deploy.md, "The program contract"):
//
// - `scaleway-infra:containers[i].image`: the release image of a service (every strategy).
// - `scaleway-infra:deployment`: temporary copies of services (blue/green's green, canary's canary)
//   and where the services' custom domains point. Absent outside a blue/green or canary deployment.
// - output `containerUrls`: container name -> https URL, for the services and their copies.
import type { ContainerSpec } from "@scaleway-infra/contracts/documents/types";
import { configKeyOf } from "@scaleway-infra/contracts/config/stack-input";

// The shape of `scaleway-infra:deployment` is shared with the program and the stack validation.
export {
  COPY_SLOTS,
  copyName,
  type CopySlot,
  type DeploymentConfig,
  type ServiceCopy,
} from "@scaleway-infra/contracts/documents/deployment-config";

export const CONTAINERS_CONFIG_KEY = configKeyOf("containers");
export const DEPLOYMENT_CONFIG_KEY = configKeyOf("deployment");
export const CONTAINER_URLS_OUTPUT = "containerUrls";

/** Reads `scaleway-infra:containers` as the engine returns it; anything else is treated as no containers. */
export function containersOf(value: unknown): ContainerSpec[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is ContainerSpec =>
      typeof item === "object" && item !== null && typeof (item as { name?: unknown }).name === "string",
  );
}

/** The same list with the named services' images replaced; other services are left untouched. */
export function withImages(
  containers: ContainerSpec[],
  images: ReadonlyMap<string, string>,
): ContainerSpec[] {
  return containers.map((container) => {
    const image = images.get(container.name);
    return image === undefined ? container : { ...container, image };
  });
}

/** Service (and copy) URLs from the stack outputs; an unexpected shape yields no URLs. */
export function containerUrlsOf(outputs: Record<string, unknown>): Map<string, string> {
  const urls = new Map<string, string>();
  const value = outputs[CONTAINER_URLS_OUTPUT];
  if (typeof value !== "object" || value === null) return urls;
  for (const [name, url] of Object.entries(value)) {
    if (typeof url === "string" && url.length > 0) urls.set(name, url.replace(/\/+$/, ""));
  }
  return urls;
}
