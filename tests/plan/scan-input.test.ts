// Reading stack exports and preview documents for `scw-infra scan`.
import * as fs from "node:fs";
import * as path from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { UNKNOWN } from "../../cli/plan/model";
import { parseScanInput } from "../../cli/plan/scan-input";

const FIXTURES = path.join(__dirname, "../fixtures/scan");
function parse(name: string, options: { stack?: string } = {}) {
  return parseScanInput(
    fs.readFileSync(path.join(FIXTURES, name), "utf8"),
    `tests/fixtures/scan/${name}`,
    options,
  );
}
function resource(name: string, fixture = "production-violations.stack.json") {
  const found = parse(fixture).resources.find((r) => r.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}
function thrown(fn: () => unknown): InfraError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InfraError) return error;
    throw error;
  }
  throw new Error("expected an InfraError");
}

describe("parseScanInput", () => {
  it("reads a stack export's resources with their inputs, parent, dependencies and provider", () => {
    const container = resource("documentation");
    expect(container).toMatchObject({
      type: "scaleway:containers/container:Container",
      custom: true,
      parent: "urn:pulumi:production::scaleway-infra::pulumi:pulumi:Stack::scaleway-infra-production",
      dependencies: [
        "urn:pulumi:production::scaleway-infra::scaleway:containers/namespace:Namespace::production-services",
      ],
    });
    expect(container.provider).toMatch(
      /^urn:pulumi:production::scaleway-infra::pulumi:providers:scaleway::default_1_54_0::/,
    );
    expect(container.props.minScale).toBe(1);
  });

  it("takes the stack and environment from the URNs", () => {
    expect(parse("production-violations.stack.json")).toMatchObject({
      format: "state",
      source: "scan:state",
      stack: "production",
      environment: "production",
    });
  });

  it("lets --stack override the stack name", () => {
    expect(parse("production-violations.stack.json", { stack: "prod-eu" }).stack).toBe("prod-eu");
  });

  it("refuses a --stack naming another environment than the resources carry", () => {
    expect(() => parse("production-violations.stack.json", { stack: "staging" })).toThrow(
      expect.objectContaining({
        code: "INFRA_001",
        message: expect.stringContaining("are production resources"),
      }),
    );
    expect(parse("production-violations.stack.json", { stack: "production" }).environment).toBe("production");
  });

  it("takes the environment from env: tags when the stack is named otherwise", () => {
    expect(parse("production-violations.stack.json", { stack: "prod-eu" }).environment).toBe("production");
  });

  it("records an encrypted secret's path and treats its value as unknown", () => {
    const database = resource("main-production");
    expect(database.secretPaths).toEqual(["password"]);
    expect(database.props.password).toBe(UNKNOWN);
  });

  it("decodes a secret exported with --show-secrets and records its path", () => {
    const text = JSON.stringify({
      version: 3,
      deployment: {
        resources: [
          {
            urn: "urn:pulumi:staging::p::scaleway:databases/instance:Instance::db",
            type: "scaleway:databases/instance:Instance",
            custom: true,
            inputs: {
              password: {
                "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
                plaintext: '"hunter2"',
              },
            },
          },
        ],
      },
    });
    const [db] = parseScanInput(text, "state.json").resources;
    expect(db.props.password).toBe("hunter2");
    expect(db.secretPaths).toEqual(["password"]);
  });

  it("locates each resource at the line of its urn in the scanned file", () => {
    const text = fs.readFileSync(path.join(FIXTURES, "production-violations.stack.json"), "utf8");
    const container = resource("documentation");
    const line = text.split("\n")[(container.source?.line ?? 0) - 1];
    expect(line).toContain(
      '"urn": "urn:pulumi:production::scaleway-infra::scaleway:containers/container:Container::documentation"',
    );
    expect(container.source?.file).toBe("tests/fixtures/scan/production-violations.stack.json");
  });

  it("reads a checkpoint's latest resources", () => {
    const input = parse("staging-compliant.checkpoint.json");
    expect(input).toMatchObject({ format: "state", stack: "staging" });
    expect(input.resources).toHaveLength(8);
  });

  it("reads a preview's new states, with unknown values and [secret] placeholders", () => {
    const input = parse("staging-violation.preview.json");
    expect(input).toMatchObject({ format: "preview", source: "scan:preview", stack: "staging" });
    const container = input.resources.find((r) => r.name === "documentation");
    expect(container?.props.namespaceId).toBe(UNKNOWN);
    expect(container?.secretPaths).toContain("secretEnvironmentVariables");
  });

  it("rejects text that is not JSON as INFRA_001 with the line of the error", () => {
    const error = thrown(() => parse("malformed.stack.json"));
    expect(error.code).toBe("INFRA_001");
    expect(error.problems[0]).toMatchObject({
      file: "tests/fixtures/scan/malformed.stack.json",
      line: expect.any(Number),
    });
  });

  it("rejects JSON that is neither an export nor a preview as INFRA_001 saying what to pass", () => {
    const error = thrown(() => parseScanInput('{"hello": "world"}', "x.json"));
    expect(error.code).toBe("INFRA_001");
    expect(error.problems[0].fix).toMatch(/pulumi stack export/);
  });

  it("rejects a resource without urn as INFRA_001 with its JSON pointer", () => {
    const error = thrown(() => parse("resource-without-urn.stack.json"));
    expect(error.problems[0].path).toBe("/deployment/resources/0");
  });

  it("rejects a deployment of another version", () => {
    const error = thrown(() => parseScanInput('{"version": 2, "deployment": {"resources": []}}', "old.json"));
    expect(error.message).toMatch(/version 2/);
  });
});
