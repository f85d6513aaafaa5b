// The Scaleway mocks answer in Scaleway's formats, the same way every time.
import { deterministicUuid, ScalewayMocks } from "../../cli/plan/mocks";

const mocks = () =>
  new ScalewayMocks({ region: "fr-par", projectId: "5a5a5a5a-0000-4000-8000-000000000001" });

describe("ScalewayMocks", () => {
  it("derives UUIDs from their seed, in the UUID v4 shape", () => {
    expect(deterministicUuid("a")).toBe(deterministicUuid("a"));
    expect(deterministicUuid("a")).not.toBe(deterministicUuid("b"));
    expect(deterministicUuid("a")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("gives regional resources IDs of the form <region>/<uuid>", () => {
    const { id } = mocks().newResource({
      type: "scaleway:secrets/secret:Secret",
      name: "s",
      inputs: { region: "nl-ams" },
    });
    expect(id).toMatch(/^nl-ams\/[0-9a-f-]{36}$/);
  });

  it("gives a container the domain of its namespace", () => {
    const m = mocks();
    const ns = m.newResource({
      type: "scaleway:containers/namespace:Namespace",
      name: "ns",
      inputs: { name: "staging-services" },
    });
    const container = m.newResource({
      type: "scaleway:containers/container:Container",
      name: "c",
      inputs: { name: "documentation", namespaceId: ns.id },
    });
    expect(container.state.domainName).toBe("staging-services-documentation.functions.fnc.fr-par.scw.cloud");
    expect(ns.state.registryEndpoint).toMatch(/^rg\.fr-par\.scw\.cloud\/funcscw/);
  });

  it("answers the flat (deprecated) type token like the namespaced one", () => {
    const flat = mocks().newResource({
      type: "scaleway:index/registryNamespace:RegistryNamespace",
      name: "r",
      inputs: { name: "reg" },
    });
    expect(flat.state.endpoint).toBe("rg.fr-par.scw.cloud/reg");
  });

  it("gives a database instance an endpoint on port 5432 and keeps its inputs", () => {
    const db = mocks().newResource({
      type: "scaleway:databases/instance:Instance",
      name: "db",
      inputs: { name: "db", isHaCluster: true },
    });
    expect(db.state).toMatchObject({
      isHaCluster: true,
      endpointPort: 5432,
      endpointIp: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
    });
  });

  it("gives a Cockpit source a push URL in the resource's region", () => {
    const source = mocks().newResource({
      type: "scaleway:observability/source:Source",
      name: "m",
      inputs: {},
    });
    expect(source.state.pushUrl).toMatch(
      /^https:\/\/[0-9a-f-]{36}\.metrics\.cockpit\.fr-par\.scw\.cloud\/api\/v1\/push$/,
    );
  });

  it("gives an API key a Scaleway access key and a UUID secret key", () => {
    const key = mocks().newResource({ type: "scaleway:iam/apiKey:ApiKey", name: "k", inputs: {} });
    expect(key.state.accessKey).toMatch(/^SCW[A-Z0-9]{17}$/);
    expect(key.state.secretKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("generates the same random password for the same resource, of the asked length", () => {
    const args = { type: "random:index/randomPassword:RandomPassword", name: "p", inputs: { length: 24 } };
    const first = mocks().newResource(args).state.result as string;
    expect(first).toHaveLength(24);
    expect(mocks().newResource(args).state.result).toBe(first);
  });

  it("answers getProject with the configured project", () => {
    expect(mocks().call({ token: "scaleway:account/getProject:getProject", inputs: {} })).toMatchObject({
      id: "5a5a5a5a-0000-4000-8000-000000000001",
    });
  });
});
