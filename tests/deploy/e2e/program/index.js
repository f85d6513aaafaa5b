// Stand-in for the scaleway-infra program, for tests/deploy/e2e/automation-deploy.ts: it reads the
// deployment config contract (docs/deploy.md) and exports `containerUrls` for every service and
// copy, pointing each at the local test server of its image's version (config `e2e:urls`).
"use strict";
const pulumi = require("@pulumi/pulumi");

const contracts = new pulumi.Config("scaleway-infra");
const containers = contracts.getObject("containers") || [];
const deployment = contracts.getObject("deployment");
const urls = new pulumi.Config("e2e").requireObject("urls");

function urlOf(name, image) {
  const tag = image.split("/").pop().split("@")[0].split(":")[1] || "";
  return `${urls[tag] || urls.default}/${name}`;
}

const containerUrls = {};
for (const container of containers) containerUrls[container.name] = urlOf(container.name, container.image);
for (const copy of (deployment && deployment.copies) || []) {
  containerUrls[`${copy.service}-${copy.slot}`] = urlOf(`${copy.service}-${copy.slot}`, copy.image);
}
exports.containerUrls = containerUrls;
exports.trafficOn = deployment && deployment.traffic === "copy" ? "copies" : "services";
