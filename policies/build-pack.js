#!/usr/bin/env node
// Builds what `npm pack` puts into the pack's tarball, so that the pack runs wherever it is unpacked or
// installed, with no TypeScript at run time: Pulumi's policy runner compiles TypeScript only with the
// `typescript` package it finds beside @pulumi/pulumi (else a vendored 3.8, too old for these
// sources), and ts-node never compiles files under node_modules. `npm pack` runs it twice:
//
//   prepack:  node build-pack.js          compiles index.ts and every module it imports with tsc:
//                                          the pack's modules to ./<name>.js, the rule book's
//                                          (@scaleway-infra/contracts) to a real folder
//                                          node_modules/@scaleway-infra/contracts/, which npm bundles
//                                          into the tarball (bundleDependencies)
//   postpack: node build-pack.js --clean  removes all of it again (and puts back the workspace link
//                                          it replaced, if any), so the repository runs its sources
//
// What it wrote is listed in .pack-build.json, so --clean removes exactly that, even after a failed
// run. Plain JavaScript on purpose: it runs before anything is compiled.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const PACK_DIR = __dirname;
const RULE_BOOK = "@scaleway-infra/contracts";
const BUNDLE_DIR = path.join(PACK_DIR, "node_modules", ...RULE_BOOK.split("/"));
const MANIFEST = path.join(PACK_DIR, ".pack-build.json");
/** Modules of this folder that are tools of the repository, not part of the pack. */
const NOT_PACKED = new Set(["policy-table.ts"]);

function isLink(file) {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function clean() {
  if (!fs.existsSync(MANIFEST)) return;
  const written = JSON.parse(fs.readFileSync(MANIFEST, "utf8"));
  for (const file of written.files) fs.rmSync(path.join(PACK_DIR, file), { force: true });
  if (written.bundle && !isLink(BUNDLE_DIR)) fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
  if (written.link && !fs.existsSync(BUNDLE_DIR)) fs.symlinkSync(written.link, BUNDLE_DIR, "junction");
  for (const dir of [path.dirname(BUNDLE_DIR), path.join(PACK_DIR, "node_modules")]) {
    if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  }
  fs.rmSync(MANIFEST, { force: true });
}

/** Relative paths of every file under `dir`. */
function filesUnder(dir, prefix = "") {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), relative) : [relative];
  });
}

/** The npm packages (no built-ins) the compiled modules under `dir` require, by name. */
function packagesRequired(dir) {
  const names = new Set();
  for (const file of filesUnder(dir).filter((f) => f.endsWith(".js"))) {
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    for (const [, specifier] of source.matchAll(/\brequire\("([^".][^"]*)"\)/g)) {
      if (specifier.startsWith("node:") || require("node:module").builtinModules.includes(specifier))
        continue;
      const parts = specifier.split("/");
      names.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]);
    }
  }
  return names;
}

/** Compiles the pack and the rule-book modules it imports into `outDir`, mirroring the repository. */
function compile(ts, ruleBookRoot, outDir) {
  const configFile = ts.readConfigFile(path.join(PACK_DIR, "tsconfig.json"), ts.sys.readFile);
  if (configFile.error) throw new Error(ts.flattenDiagnosticMessageText(configFile.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, PACK_DIR);
  const options = {
    ...parsed.options,
    noEmit: false,
    outDir,
    rootDir: path.dirname(PACK_DIR),
    declaration: false,
    sourceMap: false,
    inlineSourceMap: false,
  };
  const rootNames = parsed.fileNames.filter((f) => !NOT_PACKED.has(path.basename(f)));
  // tsc emits nothing for a module it reached through node_modules (the workspace link), so the rule
  // book's modules the pack imports become root files of their own.
  const reached = ts
    .createProgram(rootNames, options)
    .getSourceFiles()
    .map((f) => path.resolve(f.fileName));
  const ruleBookFiles = reached.filter((f) => f.startsWith(ruleBookRoot + path.sep) && !f.endsWith(".d.ts"));
  const program = ts.createProgram([...rootNames, ...ruleBookFiles], options);
  const emitted = program.emit();
  const diagnostics = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics);
  if (diagnostics.length > 0 || emitted.emitSkipped) {
    throw new Error(
      ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => PACK_DIR,
        getNewLine: () => "\n",
      }),
    );
  }
}

function build() {
  clean();
  const ts = require("typescript");
  const ruleBookRoot = fs.realpathSync(
    path.dirname(require.resolve(`${RULE_BOOK}/package.json`, { paths: [PACK_DIR] })),
  );
  if (path.dirname(ruleBookRoot) !== path.dirname(PACK_DIR)) {
    throw new Error(`the rule book (${ruleBookRoot}) is not a folder beside the pack (${PACK_DIR})`);
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "scaleway-infra-pack-"));
  const written = { files: [], bundle: false, link: undefined };
  const save = () => fs.writeFileSync(MANIFEST, `${JSON.stringify(written, null, 2)}\n`);
  try {
    compile(ts, ruleBookRoot, outDir);
    // npm installs no dependency of a bundled package, so every package the compiled modules need
    // must be a dependency of the pack itself.
    const own = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).dependencies ?? {};
    const missing = [...packagesRequired(outDir)].filter((name) => !(name in own));
    if (missing.length > 0) {
      throw new Error(
        `the pack needs ${missing.join(", ")} (through the rule book), which policies/package.json does not list in dependencies`,
      );
    }
    // The pack's own modules, beside their sources. Listed before they are written.
    const packOut = path.join(outDir, path.basename(PACK_DIR));
    written.files = filesUnder(packOut);
    save();
    fs.cpSync(packOut, PACK_DIR, { recursive: true });
    // The rule book, compiled, as a real folder in the pack's node_modules.
    if (isLink(BUNDLE_DIR)) written.link = fs.readlinkSync(BUNDLE_DIR);
    else if (fs.existsSync(BUNDLE_DIR)) throw new Error(`${BUNDLE_DIR} exists and is no workspace link`);
    written.bundle = true;
    save();
    if (written.link) fs.unlinkSync(BUNDLE_DIR);
    fs.cpSync(path.join(outDir, path.basename(ruleBookRoot)), BUNDLE_DIR, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(ruleBookRoot, "package.json"), "utf8"));
    delete manifest.private;
    delete manifest.devDependencies;
    delete manifest.scripts;
    // What the bundled modules need, all of it installed as the pack's own dependencies.
    const needed = packagesRequired(BUNDLE_DIR);
    manifest.dependencies = Object.fromEntries(
      Object.entries(manifest.dependencies ?? {}).filter(([name]) => needed.has(name)),
    );
    fs.writeFileSync(path.join(BUNDLE_DIR, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    clean();
    throw error;
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

try {
  if (process.argv.includes("--clean")) clean();
  else build();
} catch (error) {
  process.stderr.write(`build-pack: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
