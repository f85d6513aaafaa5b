// Scaleway Container Registry image references (CTR-2, INT-2): parsing
// `rg.<region>.scw.cloud/<namespace>/<repo>[:tag][@sha256:<digest>]`, pinning it to a release
// version, and telling whether a reference is pinned. The accepted shape is REGISTRY_IMAGE_PATTERN.
import {
  IMAGE_DIGEST_PATTERN,
  IMAGE_TAG_PATTERN,
  MUTABLE_IMAGE_TAGS,
  REGISTRY_IMAGE_PATTERN,
} from "../thresholds";

export interface ImageReference {
  /** `rg.fr-par.scw.cloud` */
  registry: string;
  /** `<namespace>/<repo>` */
  repository: string;
  tag?: string;
  /** `sha256:<64 hex>` */
  digest?: string;
}

const REGISTRY_IMAGE = new RegExp(REGISTRY_IMAGE_PATTERN);
const DIGEST = new RegExp(IMAGE_DIGEST_PATTERN);
const TAG = new RegExp(IMAGE_TAG_PATTERN);

export function isRegistryImage(reference: string): boolean {
  return REGISTRY_IMAGE.test(reference);
}

/** Parses a registry reference; undefined when it is not a Scaleway Container Registry image (CTR-2). */
export function parseImageReference(reference: string): ImageReference | undefined {
  if (!isRegistryImage(reference)) return undefined;
  const at = reference.indexOf("@");
  const withoutDigest = at >= 0 ? reference.slice(0, at) : reference;
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const slash = withoutDigest.indexOf("/");
  const registry = withoutDigest.slice(0, slash);
  const path = withoutDigest.slice(slash + 1);
  // A tag's colon comes after the last slash; a registry port never appears (no port in the pattern).
  const colon = path.lastIndexOf(":");
  const repository = colon > path.lastIndexOf("/") ? path.slice(0, colon) : path;
  const tag = colon > path.lastIndexOf("/") ? path.slice(colon + 1) : undefined;
  return { registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The registry namespace an image names: `rg.fr-par.scw.cloud/platform-production/docs:1` -> `platform-production`. */
export function imageNamespace(reference: string): string | undefined {
  return parseImageReference(reference)?.repository.split("/")[0];
}

export function formatImageReference(image: ImageReference): string {
  return `${image.registry}/${image.repository}${image.tag ? `:${image.tag}` : ""}${image.digest ? `@${image.digest}` : ""}`;
}

/**
 * A release version as the deployment request carries it: a tag (`1.4.2`), a tag with its digest
 * (`1.4.2@sha256:<hex>`), or a digest alone (`sha256:<hex>`).
 */
export interface ReleaseVersion {
  tag?: string;
  digest?: string;
}

export function parseReleaseVersion(version: string): ReleaseVersion | undefined {
  if (DIGEST.test(version)) return { digest: version };
  const at = version.indexOf("@");
  const tag = at >= 0 ? version.slice(0, at) : version;
  const digest = at >= 0 ? version.slice(at + 1) : undefined;
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;
  if (!TAG.test(tag)) return undefined;
  return { tag, ...(digest ? { digest } : {}) };
}

/** The image of a service at a release version: same registry and repository, new tag and digest. */
export function imageAtVersion(image: string, version: string): string | undefined {
  const reference = parseImageReference(image);
  const release = parseReleaseVersion(version);
  if (!reference || !release) return undefined;
  return formatImageReference({ registry: reference.registry, repository: reference.repository, ...release });
}

/** Pinned (CTR-2): a digest, or an immutable tag (never `latest` and the like). */
export function isPinnedImage(reference: ImageReference): boolean {
  if (reference.digest) return true;
  return reference.tag !== undefined && !MUTABLE_IMAGE_TAGS.includes(reference.tag);
}

/** The version label of an image, for reports: `tag@digest`, the tag, or the digest. */
export function versionOfImage(image: string): string | undefined {
  const reference = parseImageReference(image);
  if (!reference) return undefined;
  if (reference.tag && reference.digest) return `${reference.tag}@${reference.digest}`;
  return reference.tag ?? reference.digest;
}
