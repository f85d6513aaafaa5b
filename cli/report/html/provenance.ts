// Where a report comes from, for its provenance block: the git commit of the working tree, read from
// the files under `.git` (no `git` process, no shell), and never a reason to fail: any surprise
// (no repository, a packed or unusual layout, unreadable files) leaves the commit unknown.
import * as fs from "node:fs";
import * as path from "node:path";

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function readTrimmed(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** The git directory of the repository holding `start`: `.git` itself, or where a `.git` file points (worktrees). */
function gitDirOf(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const dotGit = path.join(dir, ".git");
    try {
      const stat = fs.statSync(dotGit);
      if (stat.isDirectory()) return dotGit;
      const pointer = /^gitdir:\s*(.+)$/m.exec(readTrimmed(dotGit) ?? "");
      return pointer ? path.resolve(dir, pointer[1].trim()) : undefined;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }
}

function resolveRef(gitDir: string, ref: string): string | undefined {
  const common = readTrimmed(path.join(gitDir, "commondir"));
  const dirs = [gitDir, ...(common ? [path.resolve(gitDir, common)] : [])];
  for (const dir of dirs) {
    const loose = readTrimmed(path.join(dir, ...ref.split("/")));
    if (loose && COMMIT.test(loose)) return loose;
    const packed = readTrimmed(path.join(dir, "packed-refs"));
    for (const line of packed?.split("\n") ?? []) {
      const [sha, name] = line.split(" ");
      if (name === ref && COMMIT.test(sha)) return sha;
    }
  }
  return undefined;
}

/** The commit checked out in the repository around `cwd`, or undefined when it cannot be read. */
export function gitCommitOf(cwd: string): string | undefined {
  try {
    const gitDir = gitDirOf(cwd);
    if (!gitDir) return undefined;
    const head = readTrimmed(path.join(gitDir, "HEAD"));
    if (!head) return undefined;
    if (COMMIT.test(head)) return head;
    const ref = /^ref:\s*(refs\/[^\s]+)$/.exec(head);
    return ref ? resolveRef(gitDir, ref[1]) : undefined;
  } catch {
    return undefined;
  }
}
