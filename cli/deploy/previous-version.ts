// The version a rollback returns to: the requested services' images in the last successful update
// of the stack's history (`pulumi stack history`), which is what was really deployed.
import type { ContainerSpec } from "@scaleway-infra/contracts/documents/types";
import { versionOfImage } from "@scaleway-infra/contracts/image/reference";
import type { HistoryEntry } from "./engine/engine";
import { CONTAINERS_CONFIG_KEY, containersOf } from "./release-config";

export interface PreviousVersion {
  /** service -> image of the last successful update */
  images: Map<string, string>;
  /** The first requested service's version label (`1.4.2@sha256:...`), for rollback_info. */
  version?: string;
  /** Which update it came from, for the progress line. */
  source: string;
}

export function previousVersion(
  history: HistoryEntry[],
  services: ContainerSpec[],
): PreviousVersion | undefined {
  const last = history.find((entry) => entry.kind === "update" && entry.result === "succeeded");
  if (!last) return undefined;
  const deployed = containersOf(last.config[CONTAINERS_CONFIG_KEY]);
  const images = new Map<string, string>();
  for (const spec of services) {
    const image = deployed.find((c) => c.name === spec.name)?.image;
    if (image) images.set(spec.name, image);
  }
  if (images.size === 0 || services.length === 0) return undefined;
  const first = images.get(services[0].name);
  // The DIY backends number no updates (version 0): name the update by its time instead.
  const which = last.version > 0 ? `update ${last.version}` : `update of ${last.startTime}`;
  return { images, version: first ? versionOfImage(first) : undefined, source: `stack history, ${which}` };
}
