// The release requests CI deploys (.github/deploy/<env>/*.yaml) are valid deployment requests that
// match their stack: the services exist and the version applies to their images (DEP-1, DEP-3, INT-2).
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import { containersOf } from "../../cli/deploy/release-config";
import { readDeploymentRequest, requestedContainers } from "../../cli/deploy/request";
import { imageAtVersion } from "@scaleway-infra/contracts/image/reference";

const ROOT = path.join(__dirname, "..", "..");
const requests = ["staging", "production"].flatMap((env) =>
  readdirSync(path.join(ROOT, ".github", "deploy", env))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => ({ env, file: path.join(ROOT, ".github", "deploy", env, f) })),
);

describe("release requests", () => {
  it("cover every service of both environments", () => {
    expect(requests.map((r) => `${r.env}/${path.basename(r.file)}`)).toEqual([
      "staging/documentation.yaml",
      "staging/runners.yaml",
      "staging/streamlit.yaml",
      "production/documentation.yaml",
      "production/runners.yaml",
      "production/streamlit.yaml",
    ]);
  });

  it.each(requests)("$env: $file is a valid request for the stack it deploys to", ({ env, file }) => {
    const plan = readDeploymentRequest(file);
    expect(plan.request.environment).toBe(env);
    const containers = containersOf(readStackFile(path.join(ROOT, `Pulumi.${env}.yaml`)).values.containers);
    const specs = requestedContainers(plan.request, containers, file);
    // The committed release matches what the stack file declares, so a push deploys no surprise.
    for (const spec of specs) {
      const released = imageAtVersion(spec.image, plan.request.version);
      expect({ service: spec.name, stackFile: spec.image }).toEqual({
        service: spec.name,
        stackFile: released,
      });
    }
  });
});
