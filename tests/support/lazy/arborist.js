"use strict";
// `@npmcli/arborist`, loaded on first use (see ../lazy-module.js).
module.exports = require("../lazy-module").lazyModule("@npmcli/arborist", { callable: true, esModule: true });
