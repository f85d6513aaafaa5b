// makeDirectory: `mkdir -p` that ends with the file system's first error instead of looping.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { makeDirectory } from "@scaleway-infra/contracts/files/make-directory";

describe("makeDirectory", () => {
  it("creates every missing folder and accepts one that exists", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "mkdir-"));
    const deep = path.join(root, "a", "b", "c");
    makeDirectory(deep);
    makeDirectory(deep);
    expect(fs.statSync(deep).isDirectory()).toBe(true);
  });

  it("throws ENOENT at once under /proc, where recursive mkdirSync loops forever", () => {
    expect(() => makeDirectory("/proc/scw-infra/x")).toThrow(expect.objectContaining({ code: "ENOENT" }));
  });

  it("throws ENOTDIR when an ancestor is a file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mkdir-")), "file");
    fs.writeFileSync(file, "");
    expect(() => makeDirectory(path.join(file, "x"))).toThrow(expect.objectContaining({ code: "ENOTDIR" }));
  });

  it("throws ENOENT through a dangling symlink instead of looping", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "mkdir-"));
    fs.symlinkSync(path.join(root, "nowhere"), path.join(root, "dangling"));
    expect(() => makeDirectory(path.join(root, "dangling", "x"))).toThrow(
      expect.objectContaining({ code: "ENOENT" }),
    );
  });
});
