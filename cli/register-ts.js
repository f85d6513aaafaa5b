// Lets Node require the project's TypeScript sources directly: a require hook that transpiles each
// .ts file with SWC (type checking is `tsc --noEmit`, part of `npm test`). No build step, and a fast
// start (issue 12: a plan within 2.5 times the time of loading @pulumi/pulumi):
// - SWC's output is cached (below), so a start transpiles only what changed, and does not even load
//   SWC when nothing did.
// - Node's source-map support stays off: with it on, Node reads and parses the source map of every
//   module it loads (hundreds in node_modules) and maps every stack trace taken, which cost about a
//   sixth of a plan. Instead the hook keeps each file's map and offers `originalPosition` (also at
//   `globalThis[Symbol.for("scaleway-infra.originalPosition")]`) for the one place that needs the
//   TypeScript line of a frame: the plan's declaration sites. Set SCW_INFRA_DEBUG=1 for stack traces
//   with TypeScript lines everywhere (inline maps, Node's source-map support on).
//
// The cache lives in $SCW_INFRA_CACHE_DIR, else $XDG_CACHE_HOME/scaleway-infra, else
// ~/.cache/scaleway-infra: swc/<SWC version>/. An entry is keyed by the file
// name and the file's content (and SWC's options), so an edit or an upgrade never serves stale code;
// entries are written to a temporary file and renamed into place, so concurrent runs never read half
// an entry. A cache that cannot be written (read-only home) only makes starts slower.
// SCW_INFRA_NO_CACHE=1 turns it off.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const os = require("node:os");
const path = require("node:path");

const DEBUG = Boolean(process.env.SCW_INFRA_DEBUG);
const options = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: DEBUG ? "inline" : true,
};
const ORIGINAL_POSITION = Symbol.for("scaleway-infra.originalPosition");

function cacheRoot() {
  if (process.env.SCW_INFRA_NO_CACHE) return null;
  if (process.env.SCW_INFRA_CACHE_DIR)
    return path.resolve(process.env.SCW_INFRA_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "scaleway-infra");
}

function contentKey(...parts) {
  const hash = crypto.createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 40);
}

function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

let swc;
function transpile(source, filename) {
  swc ??= require("@swc/core");
  const { code, map } = swc.transformSync(source, { ...options, filename });
  return { code, map: map ?? null };
}

function swcVersion() {
  const manifest = path.join(
    path.dirname(require.resolve("@swc/core")),
    "package.json",
  );
  return JSON.parse(fs.readFileSync(manifest, "utf8")).version;
}

/** SWC's output, cached on disk as <key>.js and <key>.map. */
class TranspileCache {
  constructor(root) {
    const version = swcVersion();
    this.dir = root ? path.join(root, "swc", version) : null;
    this.salt = `${version}\0${JSON.stringify(options)}`;
    this.writable = true;
  }

  /** The code of `filename`, and its source map (the map's text, or the cache file holding it). */
  load(filename, source) {
    if (!this.dir) return transpile(source, filename);
    const entry = path.join(this.dir, contentKey(this.salt, filename, source));
    try {
      return {
        code: fs.readFileSync(`${entry}.js`, "utf8"),
        mapFile: `${entry}.map`,
      };
    } catch {
      const output = transpile(source, filename);
      this.store(entry, output);
      return output;
    }
  }

  store(entry, { code, map }) {
    if (!this.writable) return;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      // The map first: an entry counts as present once its .js exists.
      if (map !== null) writeAtomically(`${entry}.map`, map);
      writeAtomically(`${entry}.js`, code);
    } catch {
      this.writable = false;
    }
  }
}

/** Per transpiled file: its map (JSON text) or the cache file holding it, and the parsed map. */
const sourceMaps = new Map();

/**
 * The TypeScript position of a position (1-based line and column) in the code Node ran for a .ts
 * file, as Node's own source-map support would print it; undefined when the file is not one this
 * hook transpiled, or the position maps to nothing.
 */
function originalPosition(filename, line, column) {
  const known = sourceMaps.get(filename);
  if (!known) return undefined;
  if (known.parsed === undefined) {
    try {
      const text = known.map ?? fs.readFileSync(known.mapFile, "utf8");
      known.parsed = new Module.SourceMap(JSON.parse(text));
    } catch {
      known.parsed = null;
    }
  }
  if (!known.parsed) return undefined;
  const entry = known.parsed.findEntry(line - 1, column - 1);
  if (!entry || entry.originalLine === undefined) return undefined;
  return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

if (!require.extensions[".ts"]) {
  const root = cacheRoot();
  const transpiled = new TranspileCache(root);
  require.extensions[".ts"] = function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const { code, map, mapFile } = transpiled.load(filename, source);
    if (!DEBUG) sourceMaps.set(filename, { map, mapFile, parsed: undefined });
    module._compile(code, filename);
  };
  if (DEBUG) process.setSourceMapsEnabled?.(true);
  else globalThis[ORIGINAL_POSITION] = originalPosition;
}

module.exports = { originalPosition };
