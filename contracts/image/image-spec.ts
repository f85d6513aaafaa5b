// image_spec documents (INT-2): built from a registry reference and the build's facts, read back
// into a reference or a release version for a deployment request. Production images need a digest
// (CTR-2, INT-2), since a tag can be pushed again and a digest cannot.
import { validateContract } from "../documents";
import type { ImageSpec } from "../documents/types";
import { InfraError } from "../errors/infra-error";
import { formatImageReference, parseImageReference } from "./reference";
import { showValue } from "../errors/shown-value";

export type BuildInfo = ImageSpec["build_info"];

/** The image_spec of `reference`, validated against the contract; INFRA_001 when it does not fit. */
export function imageSpecFromReference(
  reference: string,
  build: BuildInfo,
  options: { requireDigest?: boolean } = {},
): ImageSpec {
  const parsed = parseImageReference(reference);
  if (!parsed) {
    throw new InfraError(
      "INFRA_001",
      `${showValue(reference)} is not a Scaleway Container Registry image reference.`,
      {
        problems: [
          {
            path: "/image",
            rule: "CTR-2",
            message: "must be rg.<eu-region>.scw.cloud/<namespace>/<repo>:<tag>[@sha256:<digest>]",
            fix: "Pass the reference docker push used, e.g. rg.fr-par.scw.cloud/gov/documentation:1.4.2@sha256:<digest>.",
          },
        ],
      },
    );
  }
  if (!parsed.tag) {
    throw new InfraError(
      "INFRA_001",
      `${showValue(reference)} has no tag; an image_spec records both tag and digest.`,
      {
        problems: [
          { path: "/tag", rule: "INT-2", message: "is required", fix: "Pass <repo>:<tag>@sha256:<digest>." },
        ],
      },
    );
  }
  if (options.requireDigest && !parsed.digest) throw missingDigest(reference);
  const spec: ImageSpec = {
    registry: parsed.registry,
    repository: parsed.repository,
    tag: parsed.tag,
    ...(parsed.digest ? { digest: parsed.digest } : {}),
    build_info: { ...build },
  };
  return validateContract("image", spec);
}

/** The full reference an image_spec describes: `registry/repository:tag[@digest]`. */
export function referenceOfImageSpec(spec: ImageSpec): string {
  return formatImageReference({
    registry: spec.registry,
    repository: spec.repository,
    tag: spec.tag,
    ...(spec.digest ? { digest: spec.digest } : {}),
  });
}

/** The release version a deployment request names for this image: `tag@digest`, or the tag. */
export function releaseVersionOfImageSpec(
  spec: ImageSpec,
  options: { requireDigest?: boolean } = {},
): string {
  if (options.requireDigest && !spec.digest) throw missingDigest(referenceOfImageSpec(spec));
  return spec.digest ? `${spec.tag}@${spec.digest}` : spec.tag;
}

function missingDigest(reference: string): InfraError {
  return new InfraError(
    "INFRA_001",
    `${showValue(reference)} has no digest; production deploys pin images by digest.`,
    {
      problems: [
        {
          path: "/digest",
          rule: "INT-2",
          message: "is required for production (CTR-2)",
          fix: "Append @sha256:<digest> from `docker push` or `docker buildx imagetools inspect`.",
        },
      ],
    },
  );
}
