import * as pulumi from "@pulumi/pulumi";
import { Network } from "../../components/network/network";
import type { Placement } from "../../components/placement";
import { installMocks, parentTypeOf, settle, valueOf } from "./support/recording-mocks";

const placement: Placement = {
  env: "production",
  projectId: "11111111-1111-4111-8111-111111111111",
  organizationId: "00000000-0000-4000-8000-000000000000",
  region: "fr-par",
  zone: "fr-par-1",
};

describe("Network component", () => {
  it("creates a VPC and a regional private network in the environment's project and region", async () => {
    const mocks = await installMocks();
    const network = new Network("network", { placement, privateNetworking: true });
    await valueOf(network.urn);
    await settle(mocks);
    const vpc = mocks.one("scaleway:network/vpc:Vpc");
    const pn = mocks.one("scaleway:network/privateNetwork:PrivateNetwork");
    expect(vpc.inputs).toMatchObject({
      name: "production-vpc",
      projectId: placement.projectId,
      region: "fr-par",
    });
    expect(pn.inputs).toMatchObject({
      name: "production-private",
      region: "fr-par",
      vpcId: "production-vpc-id",
    });
    expect(pn.inputs.zone).toBeUndefined();
  });

  it("tags the VPC and the private network with env and service", async () => {
    const mocks = await installMocks();
    new Network("network", { placement, privateNetworking: true });
    await settle(mocks);
    for (const type of ["scaleway:network/vpc:Vpc", "scaleway:network/privateNetwork:PrivateNetwork"]) {
      expect(mocks.one(type).inputs.tags).toEqual(["env:production", "service:platform"]);
    }
  });

  it("parents every child to the component", async () => {
    const mocks = await installMocks();
    new Network("network", { placement, privateNetworking: true });
    await settle(mocks);
    const children = mocks.resources.filter((r) => r.custom);
    expect(children).toHaveLength(2);
    for (const r of children) {
      expect(parentTypeOf(r.urn ?? "")).toBe("scaleway-infra:network:Network");
    }
  });

  it("attaches the private network to an existing VPC when vpc_id is given", async () => {
    const mocks = await installMocks();
    new Network("network", {
      placement,
      privateNetworking: true,
      vpcId: "fr-par/22222222-2222-4222-8222-222222222222",
    });
    await settle(mocks);
    expect(mocks.ofType("scaleway:network/vpc:Vpc")).toHaveLength(0);
    expect(mocks.one("scaleway:network/privateNetwork:PrivateNetwork").inputs.vpcId).toBe(
      "fr-par/22222222-2222-4222-8222-222222222222",
    );
  });

  it("creates nothing and exposes no private network when private networking is off", async () => {
    const mocks = await installMocks("staging");
    const network = new Network("network", {
      placement: { ...placement, env: "staging" },
      privateNetworking: false,
    });
    await settle(mocks);
    expect(mocks.resources.filter((r) => r.custom)).toHaveLength(0);
    expect(network.privateNetworkId).toBeUndefined();
    expect(pulumi.ComponentResource.isInstance(network)).toBe(true);
  });
});
