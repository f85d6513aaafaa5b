// The bootstrap creates each environment's registry namespace before the first `pulumi up`, read from
// the images of ../Pulumi.<env>.yaml (fact registry.namespace-before-containers).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { registryNamespacePlansFromStacks } from "../../bootstrap/stack-registry";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { REPO_ROOT } from "../program/support/shipped-stacks";

describe("the bootstrap's registry namespaces", () => {
  it("takes each environment's namespace, region and project from its stack file", () => {
    expect(registryNamespacePlansFromStacks(REPO_ROOT, ["staging", "production"])).toEqual([
      {
        environment: "staging",
        namespace: "scaleway-infra-staging",
        region: "fr-par",
        projectId: "5a5a5a5a-0000-4000-8000-000000000001",
      },
      {
        environment: "production",
        namespace: "scaleway-infra-production",
        region: "fr-par",
        projectId: "9b9b9b9b-0000-4000-8000-000000000002",
      },
    ]);
  });

  it("refuses a stack whose images name two namespaces, with INFRA_001 (CTR-2)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stack-registry-"));
    const text = readFileSync(path.join(REPO_ROOT, "Pulumi.staging.yaml"), "utf8").replace(
      "rg.fr-par.scw.cloud/scaleway-infra-staging/runners",
      "rg.fr-par.scw.cloud/other-namespace/runners",
    );
    writeFileSync(path.join(dir, "Pulumi.staging.yaml"), text);
    expect(() => registryNamespacePlansFromStacks(dir, ["staging"])).toThrow(InfraError);
    try {
      registryNamespacePlansFromStacks(dir, ["staging"]);
    } catch (error) {
      expect((error as InfraError).problems[0]).toMatchObject({ rule: "CTR-2" });
    }
  });
});
