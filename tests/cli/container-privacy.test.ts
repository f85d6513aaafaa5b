// A container whose privacy is unset is public by Scaleway's default (CONTAINER_DEFAULT_PRIVACY):
// container-privacy-explicit is high severity, so mandatory, and the scan fails (attack 2 finding 3:
// it was medium, so advisory, and the scan ended `Result: PASS`).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";

const FIXTURE = "tests/fixtures/scan/production-compliant.stack.json";

describe("scan of a container whose privacy is unset", () => {
  const text = fs.readFileSync(FIXTURE, "utf8");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "privacy-")), "stack.json");
  const unset = text.replace(/\n\s*"privacy": "private",/, "");

  beforeAll(() => {
    expect(unset).not.toBe(text);
    fs.writeFileSync(file, unset);
  });

  it("fails the run with a mandatory SECU-2 violation", async () => {
    const run = await runCli(["scan", file]);
    expect(run.stdout).toMatch(/SECU-2 .*`privacy` is not set, so Scaleway's default \(public\) applies/);
    expect(run.stdout).toMatch(/Result: FAIL/);
    expect(run.code).toBe(1);
    const json = JSON.parse((await runCli(["scan", file, "--format", "json"])).stdout) as {
      findings: Array<{ policy: string; enforcementLevel: string; status: string }>;
    };
    expect(json.findings.filter((f) => f.policy === "container-privacy-explicit")).toEqual([
      expect.objectContaining({ status: "fail", enforcementLevel: "mandatory" }),
    ]);
  });
});
