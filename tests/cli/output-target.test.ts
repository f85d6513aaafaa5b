// issue 11 §8: `--output` never replaces what it must not: a symbolic link's target, a folder or pipe,
// the run's own input files, or a Pulumi project or stack file. Each is refused with INFRA_001 before
// the command reads or runs anything, and the file is left as it was. Everything here is in a temp dir.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";

const ROOT = path.resolve(__dirname, "../..");
const SCAN_FIXTURE = path.join(ROOT, "tests/fixtures/scan/production-compliant.stack.json");

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "output-target-"));
  fs.copyFileSync(SCAN_FIXTURE, path.join(dir, "state.json"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.production.yaml"), path.join(dir, "Pulumi.production.yaml"));
  fs.writeFileSync(path.join(dir, "other.txt"), "not a report\n");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => path.join(dir, name);
const read = (name: string) => fs.readFileSync(at(name), "utf8");
const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCli(argv, { cwd: dir, env });

/** Exit 2, INFRA_001 naming --output and `why`, and no report anywhere. */
function expectRefused(result: { code: number; stdout: string; stderr: string }, why: string) {
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("INFRA_001");
  expect(result.stderr).toContain("--output");
  expect(result.stderr).toContain(why);
  expect(result.stdout).toBe("");
}

describe("scan --output", () => {
  it("refuses a symbolic link, and leaves the file it points to as it was", async () => {
    fs.symlinkSync(at("other.txt"), at("lnk.json"));
    expectRefused(await run(["scan", "state.json", "--output", "lnk.json"]), "is a symbolic link");
    expect(read("other.txt")).toBe("not a report\n");
    expect(fs.lstatSync(at("lnk.json")).isSymbolicLink()).toBe(true);
  });

  it("refuses a dangling symbolic link (writing would create its target)", async () => {
    fs.symlinkSync(at("nowhere.json"), at("dangling.json"));
    expectRefused(await run(["scan", "state.json", "--output", "dangling.json"]), "is a symbolic link");
    expect(fs.existsSync(at("nowhere.json"))).toBe(false);
  });

  it("refuses the scanned file itself, by any path to it", async () => {
    const before = read("state.json");
    expectRefused(await run(["scan", "state.json", "--output", "state.json"]), "the scanned FILE");
    expectRefused(await run(["scan", "state.json", "--output", at("state.json")]), "the scanned FILE");
    fs.linkSync(at("state.json"), at("hard-link.json"));
    expectRefused(await run(["scan", "state.json", "--output", "hard-link.json"]), "the scanned FILE");
    expect(read("state.json")).toBe(before);
  });

  it("refuses the waivers file, given or default, and the policy pack config", async () => {
    fs.writeFileSync(at("waivers.yaml"), "waivers: []\n");
    fs.writeFileSync(at("w.yaml"), "waivers: []\n");
    fs.writeFileSync(at("ppc.json"), "{}\n");
    expectRefused(await run(["scan", "state.json", "--output", "waivers.yaml"]), "the default waivers file");
    expectRefused(
      await run(["scan", "state.json", "--waivers", "w.yaml", "--output", "w.yaml"]),
      "--waivers (w.yaml)",
    );
    expectRefused(
      await run(["scan", "state.json", "--policy-pack-config", "ppc.json", "--output", "ppc.json"]),
      "--policy-pack-config (ppc.json)",
    );
    expect(read("w.yaml")).toBe("waivers: []\n");
    expect(read("ppc.json")).toBe("{}\n");
  });

  it("refuses a folder, a path ending in a separator, a pipe and an empty path", async () => {
    fs.mkdirSync(at("reports"));
    expectRefused(await run(["scan", "state.json", "--output", "reports"]), "it is a folder");
    expectRefused(await run(["scan", "state.json", "--output", "reports/"]), "names a folder");
    expectRefused(await run(["scan", "state.json", "--output", ""]), "it is empty");
    if (process.platform !== "win32") {
      execFileSync("mkfifo", [at("pipe")]);
      expectRefused(await run(["scan", "state.json", "--output", "pipe"]), "not a regular file");
    }
  });

  it("refuses a Pulumi project or stack file, wherever it is", async () => {
    for (const name of ["Pulumi.yaml", "Pulumi.production.yaml", "elsewhere/Pulumi.staging.yml"]) {
      expectRefused(await run(["scan", "state.json", "--output", name]), "Pulumi project or stack file");
    }
    expect(fs.existsSync(at("elsewhere"))).toBe(false);
  });

  it("refuses before reading the scanned file (a bad FILE is not reported first)", async () => {
    fs.symlinkSync(at("other.txt"), at("lnk.json"));
    expectRefused(await run(["scan", "missing.json", "--output", "lnk.json"]), "is a symbolic link");
  });

  it("still writes a new file, and replaces a report it wrote before", async () => {
    expect((await run(["scan", "state.json", "--output", "out/report.txt"])).code).toBe(0);
    expect(read("out/report.txt")).toContain("Result: PASS");
    expect((await run(["scan", "state.json", "--output", "out/report.txt", "--format", "json"])).code).toBe(
      0,
    );
    expect(JSON.parse(read("out/report.txt"))).toHaveProperty("summary");
  });
});

describe("plan --output", () => {
  it("refuses the stack file, keeping its encryption salt and secure values", async () => {
    const before = read("Pulumi.production.yaml");
    expectRefused(
      await run(["plan", "--stack", "production", "--output", "Pulumi.production.yaml"]),
      "Pulumi project or stack file",
    );
    expect(read("Pulumi.production.yaml")).toBe(before);
  });

  it("refuses --config-file, whatever its name, and writes no SARIF for the refusal over it", async () => {
    fs.copyFileSync(at("Pulumi.production.yaml"), at("prod.yaml"));
    const before = read("prod.yaml");
    expectRefused(
      await run([
        "plan",
        "--stack",
        "production",
        "--config-file",
        "prod.yaml",
        "--format",
        "sarif",
        "--output",
        "prod.yaml",
      ]),
      "--config-file (prod.yaml)",
    );
    expect(read("prod.yaml")).toBe(before);
  });

  it("refuses a symbolic link to the stack file", async () => {
    fs.symlinkSync(at("Pulumi.production.yaml"), at("plan.txt"));
    const before = read("Pulumi.production.yaml");
    expectRefused(await run(["plan", "--stack", "production", "--output", "plan.txt"]), "is a symbolic link");
    expect(read("Pulumi.production.yaml")).toBe(before);
  });
});

describe("audit and image-spec --output", () => {
  it("audit refuses a --state file and the Scaleway config file, before any API call", async () => {
    expectRefused(
      await run(["audit", "--state", "state.json", "--output", "state.json"]),
      "--state (state.json)",
    );
    fs.writeFileSync(at("scw.yaml"), "profiles: {}\n");
    expectRefused(
      await run(["audit", "--output", "scw.yaml"], { SCW_CONFIG_PATH: at("scw.yaml") }),
      "the Scaleway config file",
    );
    expect(read("scw.yaml")).toBe("profiles: {}\n");
  });

  it("image-spec refuses a symbolic link", async () => {
    fs.symlinkSync(at("other.txt"), at("spec.json"));
    const result = await run([
      "image-spec",
      "--image",
      "rg.fr-par.scw.cloud/ns/app:1.0.0",
      "--commit-sha",
      "a".repeat(40),
      "--builder",
      "me",
      "--output",
      "spec.json",
    ]);
    expectRefused(result, "is a symbolic link");
    expect(read("other.txt")).toBe("not a report\n");
  });
});
