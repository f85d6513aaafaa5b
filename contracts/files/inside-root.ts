// Files named inside a document (a deployment request's `smoke_tests_file`) are read only from inside
// the repository: a request is often written by someone else than the person running it, so `..`, an
// absolute path elsewhere or a symlink pointing out of the repository must not make the command read
// (and quote) an arbitrary file. The repository root is the nearest folder above the document holding
// `.git`, else `Pulumi.yaml`, else the document's own folder.
import { existsSync, realpathSync } from "node:fs";
import * as path from "node:path";

export function repositoryRootOf(documentFile: string): string {
  const start = path.dirname(path.resolve(documentFile));
  for (const marker of [".git", "Pulumi.yaml"]) {
    for (let folder = start; ; folder = path.dirname(folder)) {
      if (existsSync(path.join(folder, marker))) return folder;
      if (path.dirname(folder) === folder) break;
    }
  }
  return start;
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * The absolute path of `value` (relative to `base`) when it stays inside `root`, following symlinks;
 * else the reason it does not. A file that does not exist yet is judged by its path alone.
 */
export function resolveInsideRoot(
  root: string,
  base: string,
  value: string,
): { file: string } | { outside: string } {
  const file = path.resolve(base, value);
  const realRoot = existsSync(root) ? realpathSync(root) : path.resolve(root);
  if (!isInside(path.resolve(root), file) && !isInside(realRoot, file)) {
    return { outside: "it points outside the repository" };
  }
  if (existsSync(file) && !isInside(realRoot, realpathSync(file))) {
    return { outside: "it is a symbolic link to a file outside the repository" };
  }
  return { file };
}
