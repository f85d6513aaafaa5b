// Registry references (CTR-2): parsing, pinning to a release version, and what counts as pinned.
import {
  imageAtVersion,
  isPinnedImage,
  parseImageReference,
  parseReleaseVersion,
  versionOfImage,
} from "@scaleway-infra/contracts/image/reference";

const DIGEST = `sha256:${"0f".repeat(32)}`;

describe("parseImageReference", () => {
  it("splits registry, namespace/repository, tag and digest", () => {
    expect(parseImageReference(`rg.fr-par.scw.cloud/gov/documentation:1.4.2@${DIGEST}`)).toEqual({
      registry: "rg.fr-par.scw.cloud",
      repository: "gov/documentation",
      tag: "1.4.2",
      digest: DIGEST,
    });
  });

  it("reads a reference with neither tag nor digest", () => {
    expect(parseImageReference("rg.nl-ams.scw.cloud/gov/tools/runner")).toEqual({
      registry: "rg.nl-ams.scw.cloud",
      repository: "gov/tools/runner",
    });
  });

  it.each(["docker.io/library/nginx:1", "rg.us-east.scw.cloud/gov/app:1", "gov/app:1"])(
    "refuses %s, which is not an EU Scaleway registry",
    (reference) => {
      expect(parseImageReference(reference)).toBeUndefined();
    },
  );
});

describe("release versions", () => {
  it.each([
    ["2.0.0", { tag: "2.0.0" }],
    [`2.0.0@${DIGEST}`, { tag: "2.0.0", digest: DIGEST }],
    [DIGEST, { digest: DIGEST }],
  ])("reads %s", (version, expected) => {
    expect(parseReleaseVersion(version)).toEqual(expected);
  });

  it.each(["2.0.0@sha256:short", "-bad", "a b"])("refuses %s", (version) => {
    expect(parseReleaseVersion(version)).toBeUndefined();
  });

  it("points an image at a release, replacing tag and digest", () => {
    expect(
      imageAtVersion(
        `rg.fr-par.scw.cloud/gov/documentation:1.0.0@${"sha256:" + "1".repeat(64)}`,
        `2.0.0@${DIGEST}`,
      ),
    ).toBe(`rg.fr-par.scw.cloud/gov/documentation:2.0.0@${DIGEST}`);
  });

  it("labels an image by its tag and digest", () => {
    expect(versionOfImage(`rg.fr-par.scw.cloud/gov/documentation:2.0.0@${DIGEST}`)).toBe(`2.0.0@${DIGEST}`);
  });
});

describe("isPinnedImage", () => {
  it("is true for a digest or an immutable tag, false for latest or no tag", () => {
    expect(isPinnedImage({ registry: "r", repository: "a/b", digest: DIGEST })).toBe(true);
    expect(isPinnedImage({ registry: "r", repository: "a/b", tag: "1.4.2" })).toBe(true);
    expect(isPinnedImage({ registry: "r", repository: "a/b", tag: "latest" })).toBe(false);
    expect(isPinnedImage({ registry: "r", repository: "a/b" })).toBe(false);
  });
});
