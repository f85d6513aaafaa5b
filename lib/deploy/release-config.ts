// The config the deployment workflow writes into the stack and the outputs it reads back. This is the
// contract between the workflow and the Pulumi program (documented in docs/readme/deploy.md):
//
// - `scaleway-infra:containers[i].image`: the release image of a service (every strategy).
// - `scaleway-infra:deployment`: temporary copies of services (blue/green's green, canary's canary)
//   and where the services' custom domains point. Absent outside a blue/green or canary deployment.
// - output `containerUrls`: container name -> https URL, for the services and their copies.
import type { ContainerSpec } from "../contracts/types";
import { CONFIG_NAMESPACE } from "../config/stack-input";

export const CONTAINERS_CONFIG_KEY = `${CONFIG_NAMESPACE}:containers`;
export const DEPLOYMENT_CONFIG_KEY = `${CONFIG_NAMESPACE}:deployment`;
export const CONTAINER_URLS_OUTPUT = "containerUrls";

export const COPY_SLOTS = ["green", "canary"] as const;
export type CopySlot = (typeof COPY_SLOTS)[number];

/** A temporary container: the service's container_spec with another image, named `<service>-<slot>`. */
export interface ServiceCopy {
  service: string;
  slot: CopySlot;
  image: string;
  /** Canary copies run a single instance; green copies keep the service's scaling. */
  single_instance: boolean;
}

/** The value of `scaleway-infra:deployment`. */
export interface DeploymentConfig {
  deployment_id: string;
  strategy: "blue_green" | "canary";
  copies: ServiceCopy[];
  /** `copy`: the services' custom domains are bound to their copies; `service`: to the services. */
  traffic: "service" | "copy";
}

export function copyName(service: string, slot: CopySlot): string {
  return `${service}-${slot}`;
}

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
