// What a custom domain on a Serverless Container needs: a CNAME to the container's endpoint that
// resolves before the domain is added, else the domain ends in `error`. So domains are bound only once
// their CNAME exists (container_spec `networking.domains_bound`, docs/runbook.md).
import { fact } from "./fact";
import { docsPage, READ_ON } from "./sources";

const CUSTOM_DOMAIN = {
  ref: docsPage(
    "ec45b724cba2df6ab567cc03cf9d92a89fb9e0de",
    "pages/serverless-containers/how-to/add-a-custom-domain-to-a-container.mdx",
  ),
  read: READ_ON,
};

export const DOMAIN_CNAME_FIRST = fact(
  "domains.cname-first",
  "a custom domain needs a CNAME to <container>.containers.fnc.<region>.scw.cloud that resolves before the domain is added; otherwise its HTTP-01 check fails within 3 minutes and the domain stays in error",
  { cnameTargetSuffix: ".scw.cloud", challengeMinutes: 3 },
  [CUSTOM_DOMAIN],
);

export const DOMAIN_APEX = fact(
  "domains.apex",
  "a root (apex) domain needs CNAME flattening or an ALIAS record, since a CNAME cannot sit at the apex",
  { apexNeeds: ["CNAME flattening", "ALIAS"] as readonly string[] },
  [CUSTOM_DOMAIN],
);

export const DOMAIN_MAX_PER_CONTAINER = fact(
  "domains.max-per-container",
  "a container has at most 50 custom domains",
  50,
  [
    {
      ref: docsPage(
        "f7c83c740fdbd351dd88b801aafddef2537ca2fc",
        "pages/serverless-containers/reference-content/containers-limitations.mdx",
      ),
      read: READ_ON,
    },
  ],
);

export const DOMAIN_FACTS = [DOMAIN_CNAME_FIRST, DOMAIN_APEX, DOMAIN_MAX_PER_CONTAINER] as const;
