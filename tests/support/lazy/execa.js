"use strict";
// `execa`, loaded on first use (see ../lazy-module.js).
module.exports = require("../lazy-module").lazyModule("execa", { callable: true, esModule: false });
