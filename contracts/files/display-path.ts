// How reports and errors name a file: relative to a root (the working directory, the project) with
// `/` separators when the file is under it, else as it was given.
import * as path from "node:path";

export function displayPath(file: string, root: string): string {
  const relative = path.relative(root, path.resolve(root, file));
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
}
