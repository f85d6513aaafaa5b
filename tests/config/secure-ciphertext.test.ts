// SEC-3: a `secure:` value must be Pulumi ciphertext. A value typed in clear under `secure:` was
// trusted as a secret (second adversarial pass): plan and validate stack passed it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isPulumiCiphertext } from "@scaleway-infra/contracts/config/secure-ciphertext";
import { runCli } from "../plan/cli-harness";

const SHIPPED = fs.readFileSync("Pulumi.staging.yaml", "utf8");
const CIPHERTEXT = /secure: (v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+)/.exec(SHIPPED)?.[1] ?? "";

function stackWith(replacement: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "secure-")), "Pulumi.staging.yaml");
  fs.writeFileSync(file, SHIPPED.replace(`secure: ${CIPHERTEXT}`, `secure: ${replacement}`));
  return file;
}

describe("secure: values", () => {
  it("accepts the shipped stack's ciphertext", () => {
    expect(CIPHERTEXT).not.toBe("");
    expect(isPulumiCiphertext(CIPHERTEXT, false)).toBe(true);
  });

  it.each([
    ["a password in clear", "CANARYx1plaintextpassword", false],
    ["a v1: prefix on clear text", "v1:CANARYx2:my-real-password-in-clear", false],
    ["an empty value", "", false],
    ["a nonce of the wrong length", "v1:AAAA:QqD1N9ZQ0s3jLMCuzuGRw4olSWsNe5XA", false],
    ["base64 in a passphrase-encrypted file", "QqD1N9ZQ0s3jLMCuzuGRw4olSWsNe5XA", false],
    ["base64 ciphertext of the Pulumi Cloud secrets manager", "QqD1N9ZQ0s3jLMCuzuGRw4olSWsNe5XA", true],
    ["short base64 even for Pulumi Cloud", "aGVsbG8=", true],
  ])("judges %s", (_, value, serviceManaged) => {
    const expected = _ === "base64 ciphertext of the Pulumi Cloud secrets manager";
    expect(isPulumiCiphertext(value, serviceManaged)).toBe(expected);
  });

  it("refuses a plaintext secure: value in plan and validate stack (exit 2, INFRA_001), without showing it", async () => {
    const file = stackWith("CANARYx1plaintextpassword");
    const plan = await runCli(["plan", "--stack", "staging", "--config-file", file]);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(/INFRA_001[\s\S]*is not Pulumi ciphertext/);
    const validate = await runCli(["validate", "stack", file]);
    expect(validate.code).toBe(2);
    for (const output of [plan.stdout, plan.stderr, validate.stdout, validate.stderr])
      expect(output).not.toContain("CANARYx1");
  });
});
