"use strict";
// `typescript`, loaded on first use (see ../lazy-module.js).
module.exports = require("../lazy-module").lazyModule("typescript", { callable: false, esModule: false });
