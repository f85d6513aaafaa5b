// The audit's redactor keeps the secret key out of every line and error, in every spelling a user or
// a hostile API may give it back: upper case, and a UUID key without its dashes (second adversarial
// pass: `--region <key without dashes>` and an API error quoting it printed it verbatim).
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { CredentialRedactor, REDACTED } from "../../cli/audit/redact-credentials";

const KEY = "cafe1234-5678-4abc-8def-0123456789ab";

describe("the audit's credential redactor", () => {
  const redactor = new CredentialRedactor();
  redactor.add(KEY);

  it.each([
    ["as given", KEY],
    ["in upper case", KEY.toUpperCase()],
    ["without its dashes", KEY.replace(/-/g, "")],
    ["without its dashes, in upper case", KEY.replace(/-/g, "").toUpperCase()],
  ])("hides the key %s", (_, spelling) => {
    const shown = redactor.text(`HTTP 500: token ${spelling} is bad`);
    expect(shown).toBe(`HTTP 500: token ${REDACTED} is bad`);
  });

  it("hides it in an error's message and details", () => {
    const undashed = KEY.replace(/-/g, "");
    const error = redactor.error(
      new InfraError("INFRA_001", `unknown region ${undashed}`, { details: { region: undashed } }),
    );
    expect(JSON.stringify(error.toErrorResponse())).not.toContain(undashed);
    expect(error.message).not.toContain(undashed);
  });

  it("ignores values too short to be a credential", () => {
    const short = new CredentialRedactor();
    short.add("a-b-c");
    expect(short.text("a-b-c abc")).toBe("a-b-c abc");
  });
});
