// Lets Node require the project's TypeScript sources directly: a require hook that transpiles each
// .ts file with SWC (type checking is `tsc --noEmit`, part of `npm test`). No build step, and a fast
// start (issue 12: a plan within 2.5 times the time of loading @pulumi/pulumi):
// - SWC's output is cached (below), so a start transpiles only what changed, and does not even load
//   SWC when nothing did.
// - V8's code cache of every module the process loads is kept too (below), so a start does not
//   compile @pulumi/pulumi's thousand files from scratch. Node 22 does this itself
//   (`module.enableCompileCache`), and is asked to where it can; on Node 20 this hook does it.
// - Node's source-map support stays off: with it on, Node reads and parses the source map of every
//   module it loads (hundreds in node_modules) and maps every stack trace taken, which cost about a
//   sixth of a plan. Instead the hook keeps each file's map and offers `originalPosition` (also at
//   `globalThis[Symbol.for("scaleway-infra.originalPosition")]`) for the one place that needs the
//   TypeScript line of a frame: the plan's declaration sites. Set SCW_INFRA_DEBUG=1 for stack traces
//   with TypeScript lines everywhere (inline maps, Node's source-map support on, no code cache).
//
// The caches live in $SCW_INFRA_CACHE_DIR, else $XDG_CACHE_HOME/scaleway-infra, else
// ~/.cache/scaleway-infra: swc/<SWC version>/ and v8/<Node version>/. An entry is keyed by the file
// name and the file's content (and SWC's options), so an edit or an upgrade never serves stale code;
// entries are written to a temporary file and renamed into place, so concurrent runs never read half
// an entry. A cache that cannot be written (read-only home) only makes starts slower.
// SCW_INFRA_NO_CACHE=1 turns both off.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const os = require("node:os");
const path = require("node:path");
const v8 = require("node:v8");
const vm = require("node:vm");

const DEBUG = Boolean(process.env.SCW_INFRA_DEBUG);
const options = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: DEBUG ? "inline" : true,
};
const ORIGINAL_POSITION = Symbol.for("scaleway-infra.originalPosition");

function cacheRoot() {
  if (process.env.SCW_INFRA_NO_CACHE) return null;
  if (process.env.SCW_INFRA_CACHE_DIR) return path.resolve(process.env.SCW_INFRA_CACHE_DIR);
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
  const manifest = path.join(path.dirname(require.resolve("@swc/core")), "package.json");
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
      return { code: fs.readFileSync(`${entry}.js`, "utf8"), mapFile: `${entry}.map` };
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

/**
 * V8's code cache for CommonJS modules on Node 20, which has no `module.enableCompileCache`: the
 * module is compiled as Node's own loader would (its wrapper, file name, `require`), from the
 * cached code when there is one; new caches are written at exit, once the functions that ran are
 * compiled too. V8 itself rejects a cache made by another V8 or with other flags.
 */
function installCodeCache(dir) {
  // V8 also rejects a cache made after a flag changed, and @pulumi/pulumi's closure serialization
  // (which a dynamic resource, such as the alert rules, runs in every plan) turns this one on when
  // it loads: set it from the start, so that every cache of a run is made under the same flags.
  v8.setFlagsFromString("--allow-natives-syntax");
  const compile = Module.prototype._compile;
  const pending = new Map();
  Module.prototype._compile = function compileWithCodeCache(content, filename) {
    // A module that may call import() is left to Node: a vm.Script of Node 20 cannot take Node's own
    // dynamic-import loader (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING, seen with prettier's API).
    if (content.includes("import(")) return compile.call(this, content, filename);
    const file = path.join(dir, contentKey(filename, content));
    let cachedData;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content.startsWith("#!") ? `//${content}` : content), {
        filename,
        cachedData,
        importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      // A syntax error, or code Node compiles differently (an ES module): Node's own loader reports it.
      return compile.call(this, content, filename);
    }
    if (cachedData === undefined || script.cachedDataRejected) pending.set(file, script);
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireOf(this), this, filename, path.dirname(filename));
  };
  process.once("exit", () => {
    try {
      fs.mkdirSync(dir, { recursive: true });
      for (const [file, script] of pending) writeAtomically(file, script.createCachedData());
    } catch {
      // An unwritable cache only makes the next start slower.
    }
  });
}

/** The `require` Node gives a module (lib/internal/modules/helpers.js, makeRequireFunction). */
function requireOf(module) {
  const require = function require(id) {
    return module.require(id);
  };
  require.resolve = function resolve(request, resolveOptions) {
    return Module._resolveFilename(request, module, false, resolveOptions);
  };
  require.resolve.paths = function paths(request) {
    return Module._resolveLookupPaths(request, module);
  };
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
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
  if (DEBUG) {
    process.setSourceMapsEnabled?.(true);
  } else {
    globalThis[ORIGINAL_POSITION] = originalPosition;
    if (root) {
      // V8 rejects a cache made under other flags: one folder per set of flags, so that runs with
      // and without (say) --cpu-prof do not overwrite each other's caches.
      const flags = contentKey(process.execArgv.join(" "), process.env.NODE_OPTIONS ?? "").slice(0, 8);
      const dir = path.join(root, "v8", `${process.version}-${process.arch}-${flags}`);
      if (typeof Module.enableCompileCache === "function") Module.enableCompileCache(dir);
      else if (!process.execArgv.some((arg) => /^--(inspect|experimental-policy)/.test(arg)))
        installCodeCache(dir);
    }
  }
}

module.exports = { originalPosition };
