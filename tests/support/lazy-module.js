// Jest loads a fresh copy of every module for each test file, so what @pulumi/pulumi requires at
// import costs every suite that touches it. Three of those modules only serve features a test file
// rarely reaches: `typescript` (closure serialization), `@npmcli/arborist` (code paths of a
// serialized function) and `execa` (the Automation API's CLI calls). jest.config.js maps them to
// the stand-ins in ./lazy/, built here: a proxy that requires the real module, by its absolute path
// (which the mapping does not match), on first use, and then behaves as it does.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** The main file of a package at the top of node_modules (jest's own resolver would map it back). */
function mainFile(name) {
  const dir = path.join(__dirname, "..", "..", "node_modules", name);
  const { main } = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  return path.resolve(dir, main ?? "index.js");
}

/**
 * A stand-in for `name`. `esModule` is what it answers for `__esModule` before loading, so that
 * TypeScript's import helpers (`__importStar`, `__importDefault`) keep it lazy: true when the real
 * module is reached through named exports (`arborist.Arborist`), false when through `default`.
 */
function lazyModule(name, { callable, esModule }) {
  const file = mainFile(name);
  let real;
  const load = () => (real ??= require(file));
  // A function target can be called and constructed; its own non-configurable `prototype` must be
  // reported as the target's (a proxy invariant).
  const target = callable ? function lazy() {} : {};
  const own = (key) => {
    const fixed = Reflect.getOwnPropertyDescriptor(target, key);
    if (fixed && !fixed.configurable) return fixed;
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  };
  return new Proxy(target, {
    get: (_, key) => (key === "__esModule" && real === undefined ? esModule || undefined : load()[key]),
    has: (_, key) => key in load(),
    ownKeys: () => {
      const keys = Reflect.ownKeys(load());
      for (const key of Reflect.ownKeys(target))
        if (!Reflect.getOwnPropertyDescriptor(target, key).configurable && !keys.includes(key))
          keys.push(key);
      return keys;
    },
    getOwnPropertyDescriptor: (_, key) => own(key),
    getPrototypeOf: () => Reflect.getPrototypeOf(load()),
    apply: (_, self, args) => Reflect.apply(load(), self, args),
    construct: (_, args, newTarget) => Reflect.construct(load(), args, newTarget === _ ? load() : newTarget),
  });
}

module.exports = { lazyModule };
