// Which release requests a push to main deploys (cli/deploy/release-selection.ts, run by
// .github/workflows/deploy.yml through scripts/changed-release-requests.ts), on fake diffs.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  ReleaseRequestFile,
  imagesOfStackText,
  selectReleaseRequests,
} from "../../cli/deploy/release-selection";

const ROOT = path.join(__dirname, "..", "..");
const requests: ReleaseRequestFile[] = ["documentation", "runners", "streamlit"].map((service) => ({
  file: `.github/deploy/production/${service}.yaml`,
  environment: "production",
  services: [service],
  ...(service === "runners" ? { smokeTestsFile: ".github/deploy/production/runners-smoke.yaml" } : {}),
}));
const stackText = readFileSync(path.join(ROOT, "Pulumi.production.yaml"), "utf8");
const images = imagesOfStackText(stackText);

function select(changedFiles: string[] | undefined, after = images) {
  return selectReleaseRequests({
    changedFiles,
    requests,
    imagesBefore: { production: images },
    imagesAfter: { production: after },
  }).map((s) => s.file);
}

describe("release requests a push deploys", () => {
  it("reads the services' images from the committed stack file", () => {
    expect([...images.keys()]).toEqual(["documentation", "runners", "streamlit"]);
  });

  it("deploys nothing for a README-only merge", () => {
    expect(select(["README.md", "docs/deploy-strategies.md"])).toEqual([]);
  });

  it("deploys a request whose file changed", () => {
    expect(select([".github/deploy/production/streamlit.yaml", "README.md"])).toEqual([
      ".github/deploy/production/streamlit.yaml",
    ]);
  });

  it("deploys a request whose smoke-tests file changed", () => {
    expect(select([".github/deploy/production/runners-smoke.yaml"])).toEqual([
      ".github/deploy/production/runners.yaml",
    ]);
  });

  it("deploys the request of the service whose image changed in the stack file, and only it", () => {
    const after = new Map(images);
    after.set(
      "documentation",
      (images.get("documentation") as string).replace(/@sha256:[0-9a-f]+$/, `@sha256:${"e".repeat(64)}`),
    );
    expect(select(["Pulumi.production.yaml"], after)).toEqual([
      ".github/deploy/production/documentation.yaml",
    ]);
  });

  it("deploys nothing when the stack file changed elsewhere than the images", () => {
    expect(select(["Pulumi.production.yaml"])).toEqual([]);
  });

  it("ignores the other environment's stack file", () => {
    expect(select(["Pulumi.staging.yaml"])).toEqual([]);
  });

  it("deploys every request when the push's previous commit is unknown", () => {
    expect(select(undefined)).toEqual(requests.map((r) => r.file));
  });

  it("reads no image from a stack file that does not parse", () => {
    expect(imagesOfStackText("config: [unclosed").size).toBe(0);
    expect(imagesOfStackText(undefined).size).toBe(0);
  });
});
