// A stack policy that always passes and leaves a trace: the check sees that the pack really ran.
"use strict";
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("scw-infra-deploy-e2e-pack", {
  policies: [
    {
      name: "deploy-e2e-pack-ran",
      description: "Always passes; proves the deployment workflow passed its policy pack to the engine.",
      enforcementLevel: "advisory",
      validateStack: (_args, reportViolation) => {
        if (process.env.SCW_INFRA_E2E_PACK_FAIL === "1") reportViolation("forced violation");
      },
    },
  ],
});
