// `mkdir -p` that always ends. Node 20's `fs.mkdirSync(dir, { recursive: true })` steps back to the
// parent on ENOENT and forward again on EEXIST; where a parent exists but refuses children with
// ENOENT (procfs: `/proc/x/y.json`, a dangling symlink), it loops forever and `--output` hangs. This
// walk finds the deepest existing ancestor once, then creates each missing folder below it with a
// plain mkdir, so the first error is final and is returned as it is.
import * as fs from "node:fs";
import * as path from "node:path";

/** Creates `directory` and its missing parents; throws the first file-system error unchanged. */
export function makeDirectory(directory: string): void {
  const missing: string[] = [];
  let current = path.resolve(directory);
  for (;;) {
    let stats: fs.Stats | undefined;
    try {
      stats = fs.statSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    if (stats) {
      if (!stats.isDirectory()) {
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${current}'`), {
          code: "ENOTDIR",
          path: current,
          syscall: "mkdir",
        });
      }
      break;
    }
    const parent = path.dirname(current);
    missing.push(current);
    // The root always exists; reaching it without a stat means the file system refused even that.
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      // Another process made it between our stat and mkdir: fine, it is a folder now or the next
      // mkdir fails with its own error.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}
