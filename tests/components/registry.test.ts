import { Registry, registryNamespaceOf } from "../../components/registry/registry";
import { imageNamespace } from "@scaleway-infra/contracts/image/reference";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { containerSpec, DIGEST, placement } from "./support/fixtures";
import { installMocks, parentTypeOf, settle, valueOf } from "./support/recording-mocks";

const NAMESPACE = "scaleway:registry/namespace:Namespace";

describe("registry namespace of an environment", () => {
  it("reads the namespace of a Scaleway registry image", () => {
    expect(imageNamespace(`rg.nl-ams.scw.cloud/team-a/api@${DIGEST}`)).toBe("team-a");
    expect(imageNamespace("docker.io/library/nginx:1.27")).toBeUndefined();
  });

  it("is the one namespace every image names, or the fallback when there is no container", () => {
    expect(registryNamespaceOf([containerSpec(), containerSpec({ name: "runners" })], "fallback")).toBe(
      "platform-production",
    );
    expect(registryNamespaceOf([], "fallback")).toBe("fallback");
  });

  it("refuses an image outside the Scaleway registry with CTR-2 at its index", () => {
    const specs = [
      containerSpec(),
      containerSpec({ name: "runners", image: "docker.io/library/nginx:1.27" }),
    ];
    try {
      registryNamespaceOf(specs, "fallback");
      throw new Error("expected an InfraError");
    } catch (error) {
      expect(error).toBeInstanceOf(InfraError);
      expect((error as InfraError).problems[0]).toMatchObject({ rule: "CTR-2", path: "/1/image" });
    }
  });

  it("refuses images spread over two namespaces", () => {
    const other = containerSpec({ name: "runners", image: `rg.fr-par.scw.cloud/other/runners@${DIGEST}` });
    expect(() => registryNamespaceOf([containerSpec(), other], "fallback")).toThrow(
      /several registry namespaces/,
    );
  });
});

describe("Registry component", () => {
  it("creates one private namespace in the environment's project and region and exposes its endpoint", async () => {
    const mocks = await installMocks();
    const registry = new Registry("registry", { placement, namespaceName: "platform-production" });
    expect(await valueOf(registry.endpoint)).toBe("rg.fr-par.scw.cloud/platform-production");
    await settle(mocks);
    const namespace = mocks.one(NAMESPACE);
    expect(namespace.inputs).toMatchObject({
      name: "platform-production",
      isPublic: false,
      projectId: placement.projectId,
      region: "fr-par",
    });
    expect(namespace.inputs.description).toContain("env:production");
    expect(parentTypeOf(namespace.urn ?? "")).toBe("scaleway-infra:registry:Registry");
  });
});
