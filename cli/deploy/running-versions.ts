// What runs now, so that a deployment touches only the services whose version changes (issue 14 §1).
// The images come from the stack outputs of the last update (`containerImages`, exported by the
// program); a stack deployed before that output existed falls back to the last successful update in
// the stack's history. A service already at the requested image is skipped.
import type { ContainerSpec } from "@scaleway-infra/contracts/documents/types";
import { parseImageReference, versionOfImage } from "@scaleway-infra/contracts/image/reference";
import type { HistoryEntry } from "./engine/engine";
import { previousVersion } from "./previous-version";

export const CONTAINER_IMAGES_OUTPUT = "containerImages";

export interface RunningImages {
  /** service -> image running now */
  images: Map<string, string>;
  /** `stack outputs (containerImages)` or the history entry they came from. */
  source: string;
}

export function runningImagesOf(
  outputs: Record<string, unknown>,
  history: HistoryEntry[],
  services: ContainerSpec[],
): RunningImages {
  const output = outputs[CONTAINER_IMAGES_OUTPUT];
  if (typeof output === "object" && output !== null && !Array.isArray(output)) {
    const images = new Map<string, string>();
    for (const [name, image] of Object.entries(output))
      if (typeof image === "string") images.set(name, image);
    return { images, source: `stack outputs (${CONTAINER_IMAGES_OUTPUT})` };
  }
  const previous = previousVersion(history, services);
  return previous
    ? { images: previous.images, source: previous.source }
    : { images: new Map(), source: "nothing deployed yet" };
}

/**
 * True when `running` is the release image: same repository, and the same digest when the release
 * names one, else the same tag. A re-pushed mutable tag cannot be told apart: pin digests (CTR-2).
 */
export function runsRelease(running: string | undefined, release: string): boolean {
  if (running === undefined) return false;
  const now = parseImageReference(running);
  const wanted = parseImageReference(release);
  if (!now || !wanted) return running === release;
  if (now.registry !== wanted.registry || now.repository !== wanted.repository) return false;
  if (wanted.digest) return now.digest === wanted.digest;
  return now.digest === undefined && now.tag === wanted.tag;
}

export interface ChangePlan {
  /** Services whose running image is not the release: these are deployed. */
  changed: ContainerSpec[];
  /** Services already running the release: skipped, with the version they run. */
  unchanged: Array<{ spec: ContainerSpec; version: string }>;
}

export function planChanges(
  services: ContainerSpec[],
  releaseImages: ReadonlyMap<string, string>,
  running: RunningImages,
): ChangePlan {
  const plan: ChangePlan = { changed: [], unchanged: [] };
  for (const spec of services) {
    const release = releaseImages.get(spec.name) as string;
    const now = running.images.get(spec.name);
    if (runsRelease(now, release)) plan.unchanged.push({ spec, version: versionOfImage(release) ?? release });
    else plan.changed.push(spec);
  }
  return plan;
}
