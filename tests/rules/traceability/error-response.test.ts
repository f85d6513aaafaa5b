// ERR-1 and ERR-2 on the errors the project really produces: every INFRA code renders an
// error_response that the error-response contract accepts, a CLI failure prints one, and a rendered
// response that loses a required field or carries an unknown code is rejected naming the rule.
import { contractProblems } from "@scaleway-infra/contracts/documents/validate";
import { InfraError, INFRA_CODES, type InfraCode } from "@scaleway-infra/contracts/errors/infra-error";
import { errorResponseIn, runCli } from "../../cli/validate-support";

const CODES = Object.keys(INFRA_CODES) as InfraCode[];

function rendered(code: InfraCode): Record<string, unknown> {
  const error = new InfraError(code, "Something went wrong.", {
    problems: [{ path: "/name", rule: "CTR-1", message: "is not a service", fix: "Name a service." }],
    details: { fix: "Do the right thing." },
  });
  return error.toErrorResponse() as unknown as Record<string, unknown>;
}

function rulesOf(document: Record<string, unknown>): string[] {
  return contractProblems("error-response", document).map((p) => p.rule);
}

describe("ERR-2: the INFRA codes", () => {
  it("are exactly INFRA_001 to INFRA_008", () => {
    expect(CODES).toEqual(["001", "002", "003", "004", "005", "006", "007", "008"].map((n) => `INFRA_${n}`));
  });

  it("rejects a rendered error whose code is not one of them, naming ERR-2", () => {
    const response = { ...rendered("INFRA_001"), code: "INFRA_009" };
    expect(rulesOf(response)).toContain("ERR-2");
  });
});

describe("ERR-1: every failure follows error_response", () => {
  it.each(CODES)("renders %s as an error_response the contract accepts (ERR-1, ERR-2)", (code) => {
    expect(contractProblems("error-response", rendered(code))).toEqual([]);
  });

  it.each(["timestamp", "request_id", "message"])(
    "rejects a rendered error without %s, naming ERR-1",
    (field) => {
      const response = rendered("INFRA_005");
      delete response[field];
      expect(rulesOf(response)).toContain("ERR-1");
    },
  );

  it("prints an error_response the contract accepts when a CLI command fails", async () => {
    const run = await runCli(["validate", "container", "does-not-exist.yaml", "--format", "json"]);
    expect(run.code).not.toBe(0);
    const response = errorResponseIn(run.stdout);
    expect(response.code).toMatch(/^INFRA_00[1-8]$/);
    expect(contractProblems("error-response", response)).toEqual([]);
  });
});
