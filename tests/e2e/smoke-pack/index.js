"use strict";
// Smoke policy pack for scripts/e2e.sh. Not a contract rule: it only proves, with the real
// engine, that a resource policy sees a resource's inputs and that a mandatory violation fails
// `pulumi preview`.
const { PolicyPack, validateResourceOfType } = require("@pulumi/policy");
const random = require("@pulumi/random");

new PolicyPack("e2e-smoke", {
  policies: [
    {
      name: "e2e-min-password-length",
      description: "A random password has at least 16 characters.",
      enforcementLevel: "mandatory",
      validateResource: validateResourceOfType(random.RandomPassword, (password, args, reportViolation) => {
        if (typeof password.length === "number" && password.length < 16) {
          reportViolation(`password length ${password.length} is below 16`);
        }
      }),
    },
  ],
});
