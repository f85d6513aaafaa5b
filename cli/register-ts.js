// Lets Node require the project's TypeScript sources directly: a require hook that transpiles each
// .ts file with SWC (type checking is `tsc --noEmit`, part of `npm test`). No build step, fast start.
"use strict";
const fs = require("node:fs");
const swc = require("@swc/core");

const options = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: "inline",
};

if (!require.extensions[".ts"]) {
  require.extensions[".ts"] = function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const { code } = swc.transformSync(source, { ...options, filename });
    module._compile(code, filename);
  };
  process.setSourceMapsEnabled?.(true);
}
