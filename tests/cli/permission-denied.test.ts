// INFRA_003 from the file system (issue 11 §6), triggered as a user would: a file they name that
// they may not read, and an --output they may not write. chmod does not stop root, and these tests
// run as root here and as a normal user elsewhere, so the unreadable-file cases run the real CLI in
// a child process: as root, under another uid through `setpriv` (which needs root); as anyone else,
// directly on a chmod 000 file. The --output case needs neither: sysfs refuses new files to root too.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CLI = path.resolve("cli/scw-infra.js");
const NOBODY = "65534";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs scw-infra as a user who cannot read files that only their owner (root or us) may read. */
function runAsOtherUser(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const command = isRoot
    ? ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", process.execPath, CLI, ...args]
    : [process.execPath, CLI, ...args];
  const run = spawnSync(command[0], command.slice(1), {
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: os.tmpdir() },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A file with content `text` that the user of runAsOtherUser may not read. */
function unreadableFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "denied-"));
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  fs.chmodSync(file, isRoot ? 0o600 : 0o000);
  return file;
}

describe("permission denied on a file the user names", () => {
  it("can run the CLI as another user when root (setpriv is there)", () => {
    if (isRoot) expect(execFileSync("setpriv", ["--version"], { encoding: "utf8" })).toContain("setpriv");
    else expect(isRoot).toBe(false);
  });

  it("scan FILE is INFRA_003, exit 3", () => {
    const file = unreadableFile("state.json", "{}");
    const run = runAsOtherUser(["scan", file, "--format", "json"]);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ code: "INFRA_003", details: { errno: "EACCES" } });
  }, 60_000);

  it("--waivers is INFRA_003, exit 3, and the file's content is never shown", () => {
    const waivers = unreadableFile("waivers.yaml", "- policy: hunter2-secret-content\n");
    const run = runAsOtherUser([
      "scan",
      path.resolve("tests/fixtures/scan/production-compliant.stack.json"),
      "--waivers",
      waivers,
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("INFRA_003");
    expect(run.stderr).toContain("--waivers");
    expect(run.stderr).not.toContain("hunter2");
  }, 60_000);

  it("--output on a file system that refuses new files is INFRA_003, exit 3", () => {
    const run = spawnSync(
      process.execPath,
      [CLI, "scan", "tests/fixtures/scan/production-compliant.stack.json", "--output", "/sys/scw-infra.txt"],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("INFRA_003");
  }, 60_000);
});
