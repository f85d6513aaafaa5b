// Files a user names are read and written without ever blocking: pipes and devices are refused at
// once (the adversarial review left `scan <FIFO>`, `scan /dev/zero` and `--output <FIFO>` hanging).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { readUserFile, writeUserFile } from "@scaleway-infra/contracts/files/user-file";
import { runCli } from "../plan/cli-harness";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "user-file-"));
const fifo = path.join(dir, "fifo");
execFileSync("mkfifo", [fifo]);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InfraError) return error.code;
    throw error;
  }
  return "none";
}

describe("user-named files", () => {
  it("reads and rewrites a regular file", () => {
    const file = path.join(dir, "a.txt");
    writeUserFile(file, "first, longer text", { option: "--output", file });
    writeUserFile(file, "second", { option: "--output", file });
    expect(readUserFile(file, { option: "FILE", file })).toBe("second");
  });

  it("refuses a pipe, a device and a folder at once, as INFRA_001", () => {
    expect(codeOf(() => readUserFile(fifo, { option: "FILE", file: fifo }))).toBe("INFRA_001");
    expect(codeOf(() => readUserFile("/dev/zero", { option: "FILE", file: "/dev/zero" }))).toBe("INFRA_001");
    expect(codeOf(() => readUserFile(dir, { option: "FILE", file: dir }))).toBe("INFRA_001");
    expect(codeOf(() => writeUserFile(fifo, "x", { option: "--output", file: fifo }))).toBe("INFRA_001");
  });

  it("keeps scan from hanging on a pipe given as the file, the waivers or the output", async () => {
    const started = Date.now();
    expect((await runCli(["scan", fifo], { cwd: dir })).code).toBe(2);
    expect((await runCli(["scan", "/dev/zero"], { cwd: dir })).code).toBe(2);
    const exportFile = path.resolve(__dirname, "../fixtures/scan/production-violations.stack.json");
    expect((await runCli(["scan", exportFile, "--waivers", fifo], { cwd: dir })).code).toBe(2);
    expect((await runCli(["scan", exportFile, "--policy-pack-config", fifo], { cwd: dir })).code).toBe(2);
    expect((await runCli(["scan", exportFile, "--output", fifo], { cwd: dir })).code).toBe(2);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
