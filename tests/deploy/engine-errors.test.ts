// What the Automation API throws becomes an InfraError with the right INFRA code (ERR-2).
import { CommandError, ConcurrentUpdateError, StackNotFoundError } from "@pulumi/pulumi/automation";
import { engineErrorCode, toEngineInfraError } from "../../cli/deploy/engine/engine-errors";
import { parseConfigValue } from "../../cli/deploy/engine/automation-engine";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";

/** An Automation API error of `type` as the CLI wrapper builds it, with the CLI's stderr as message. */
function automationError<T extends CommandError>(type: { prototype: T }, message: string): T {
  const error = Object.create(type.prototype) as T;
  Object.defineProperty(error, "message", { value: message });
  return error;
}

describe("engine errors", () => {
  it("maps Pulumi's ConcurrentUpdateError to INFRA_008, state lock conflict", () => {
    const error = automationError(
      ConcurrentUpdateError,
      "code: 255\nstderr: error: [409] Conflict: Another update is currently in progress.",
    );
    expect(engineErrorCode(error)).toBe("INFRA_008");
  });

  it("maps a DIY backend's lock message to INFRA_008 even without the error class", () => {
    expect(engineErrorCode(new Error("error: the stack is currently locked by 1 lock(s)"))).toBe("INFRA_008");
  });

  it("maps StackNotFoundError to INFRA_004, not found", () => {
    expect(engineErrorCode(automationError(StackNotFoundError, "no stack named 'production' found"))).toBe(
      "INFRA_004",
    );
  });

  it("maps a refused credential to INFRA_003, permission denied", () => {
    expect(
      engineErrorCode(
        new Error(
          'failed to load checkpoint: blob (key ".pulumi/stacks/x.json") (code=Unknown): AccessDenied: Access Denied',
        ),
      ),
    ).toBe("INFRA_003");
  });

  it("maps a Scaleway quota refusal to INFRA_002 even though Scaleway sends it as a 403", () => {
    for (const text of [
      "scaleway-sdk-go: quota(s) exceeded: Quotas reached: You have reached the maximum number of containers",
      'http error 403 Forbidden: {"type":"quotas_exceeded","message":"quota(s) exceeded for this resource"}',
      "operation error S3: CreateBucket, TooManyBuckets: You have attempted to create more buckets than allowed",
    ]) {
      expect(engineErrorCode(new Error(text))).toBe("INFRA_002");
    }
  });

  it("maps any other failure to INFRA_005, deployment failed", () => {
    expect(engineErrorCode(new Error("error: update failed: 1 resource failed"))).toBe("INFRA_005");
  });

  it("keeps an InfraError's own code", () => {
    expect(engineErrorCode(new InfraError("INFRA_006", "unhealthy"))).toBe("INFRA_006");
  });

  it("names the operation, the stack and a fix in the InfraError", () => {
    const error = toEngineInfraError(
      automationError(ConcurrentUpdateError, "Conflict: Another update is currently in progress."),
      "up",
      "production",
    );
    expect(error.code).toBe("INFRA_008");
    expect(error.message).toMatch(/^pulumi up on stack "production" failed: /);
    expect(error.details).toMatchObject({ operation: "up", stack: "production" });
    expect(String(error.details?.fix)).toContain("pulumi cancel");
  });
});

describe("parseConfigValue", () => {
  it("parses structured config values, which the CLI returns as JSON text", () => {
    expect(parseConfigValue('[{"name":"documentation"}]')).toEqual([{ name: "documentation" }]);
  });

  it("keeps plain strings, including ones that only start like JSON", () => {
    expect(parseConfigValue("fr-par")).toBe("fr-par");
    expect(parseConfigValue("[not json")).toBe("[not json");
  });
});

describe("engine errors: missing things", () => {
  it("maps a missing project directory to INFRA_004", () => {
    expect(
      engineErrorCode(new Error("Invalid workDir passed to local workspace: '/x/project' does not exist")),
    ).toBe("INFRA_004");
  });
});

describe("engine error messages", () => {
  it("quote the CLI's error lines rather than its banner", () => {
    const output = [
      "Command failed with exit code 1: pulumi preview --stack staging",
      "Previewing update (staging):",
      "Loading policy packs...: starting",
      "    pulumi:providers:pulumi-nodejs default  error: no resource plugin 'pulumi-resource-pulumi-nodejs' found",
      "Resources:",
    ].join("\n");
    expect(toEngineInfraError(new Error(output), "preview", "staging").message).toBe(
      "pulumi preview on stack \"staging\" failed: pulumi:providers:pulumi-nodejs default  error: no resource plugin 'pulumi-resource-pulumi-nodejs' found",
    );
  });
});

describe("a missing Pulumi CLI", () => {
  it("is INFRA_004 with a message that says the CLI is not on PATH", () => {
    const error = toEngineInfraError(
      new Error("err?: Error: Command failed with ENOENT: pulumi version"),
      "stack select",
      "staging",
    );
    expect(error.code).toBe("INFRA_004");
    expect(error.message).toBe("The Pulumi CLI was not found on PATH: `scw-infra deploy` drives it.");
  });
});
