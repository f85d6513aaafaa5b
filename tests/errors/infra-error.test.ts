import {
  InfraError,
  exitCodeFor,
  formatInfraError,
  asInfraError,
  INFRA_CODES,
} from "@scaleway-infra/contracts/errors/infra-error";

describe("InfraError", () => {
  it("renders an error_response with code, message, ISO 8601 timestamp and request_id", () => {
    const response = new InfraError("INFRA_004", "Stack file not found.").toErrorResponse();
    expect(response.code).toBe("INFRA_004");
    expect(response.message).toBe("Stack file not found.");
    expect(new Date(response.timestamp).toISOString()).toBe(response.timestamp);
    expect(response.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.details).toBeUndefined();
  });

  it("gives every error a distinct request_id", () => {
    const ids = new Set(Array.from({ length: 100 }, () => new InfraError("INFRA_001", "x").requestId));
    expect(ids.size).toBe(100);
  });

  it("lists problems in details with their rule, place and fix", () => {
    const error = new InfraError("INFRA_001", "1 problem", {
      problems: [
        {
          path: "/scaling/min_instances",
          rule: "CTR-4",
          message: "too low",
          value: 1,
          fix: "set 2",
          file: "Pulumi.production.yaml",
          line: 12,
        },
      ],
    });
    expect(error.toErrorResponse().details).toEqual({
      problems: [expect.objectContaining({ rule: "CTR-4", line: 12, fix: "set 2" })],
    });
    expect(formatInfraError(error)).toContain(
      "[CTR-4] Pulumi.production.yaml:12 /scaling/min_instances: too low",
    );
  });

  it("prints the fix of an error without a problem list, so the terminal says how to recover", () => {
    const error = new InfraError("INFRA_004", "File not found: Pulumi.prod.yaml.", {
      details: { fix: "Check the path; it is relative to the current directory." },
    });
    expect(formatInfraError(error).split("\n")).toContain(
      "  fix: Check the path; it is relative to the current directory.",
    );
  });

  it("maps INFRA_001 to exit 2 and every other code to exit 3", () => {
    for (const code of Object.keys(INFRA_CODES) as (keyof typeof INFRA_CODES)[]) {
      expect(exitCodeFor(new InfraError(code, "x"))).toBe(code === "INFRA_001" ? 2 : 3);
    }
  });

  it("wraps foreign errors without losing their message", () => {
    const wrapped = asInfraError(new Error("boom"), "INFRA_005");
    expect(wrapped.code).toBe("INFRA_005");
    expect(wrapped.message).toBe("boom");
  });
});
