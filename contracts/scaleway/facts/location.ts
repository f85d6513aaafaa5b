// Which Scaleway resources have no location: their arguments take neither `region` nor `zone`
// (IAM, account, billing, domains, edge services, annotations, and a few sub-resources that live
// where their parent lives). Every other Scaleway resource runs in a region or a zone, set on the
// resource or inherited from its provider; the residency policy (ENV-4) uses this fact to know when
// a resource without its own location must take its provider's, and when the location is unseen.
import { fact } from "./fact";

export const UNLOCATED_RESOURCE_TYPES = fact<readonly string[]>(
  "resources.unlocated-types",
  "These Scaleway resource types take no region or zone argument; every other type has a location.",
  [
    "scaleway:account/project:Project",
    "scaleway:account/sshKey:SshKey",
    "scaleway:annotations/binding:Binding",
    "scaleway:annotations/key:Key",
    "scaleway:annotations/value:Value",
    "scaleway:billing/budget:Budget",
    "scaleway:billing/budgetAlert:BudgetAlert",
    "scaleway:billing/budgetAlertNotification:BudgetAlertNotification",
    "scaleway:domain/record:Record",
    "scaleway:domain/registration:Registration",
    "scaleway:domain/zone:Zone",
    "scaleway:edgeservices/backendStage:BackendStage",
    "scaleway:edgeservices/cacheStage:CacheStage",
    "scaleway:edgeservices/dnsStage:DnsStage",
    "scaleway:edgeservices/headStage:HeadStage",
    "scaleway:edgeservices/pipeline:Pipeline",
    "scaleway:edgeservices/plan:Plan",
    "scaleway:edgeservices/routeStage:RouteStage",
    "scaleway:edgeservices/tlsStage:TlsStage",
    "scaleway:edgeservices/wafStage:WafStage",
    "scaleway:iam/apiKey:ApiKey",
    "scaleway:iam/application:Application",
    "scaleway:iam/group:Group",
    "scaleway:iam/groupMembership:GroupMembership",
    "scaleway:iam/policy:Policy",
    "scaleway:iam/saml:Saml",
    "scaleway:iam/samlCertificate:SamlCertificate",
    "scaleway:iam/scim:Scim",
    "scaleway:iam/scimToken:ScimToken",
    "scaleway:iam/sshKey:SshKey",
    "scaleway:iam/user:User",
    "scaleway:index/accountProject:AccountProject",
    "scaleway:index/accountSshKey:AccountSshKey",
    "scaleway:index/cockpit:Cockpit",
    "scaleway:index/cockpitGrafanaUser:CockpitGrafanaUser",
    "scaleway:index/domainRecord:DomainRecord",
    "scaleway:index/domainZone:DomainZone",
    "scaleway:index/edgeServicesBackendStage:EdgeServicesBackendStage",
    "scaleway:index/edgeServicesCacheStage:EdgeServicesCacheStage",
    "scaleway:index/edgeServicesDnsStage:EdgeServicesDnsStage",
    "scaleway:index/edgeServicesHeadStage:EdgeServicesHeadStage",
    "scaleway:index/edgeServicesPipeline:EdgeServicesPipeline",
    "scaleway:index/edgeServicesPlan:EdgeServicesPlan",
    "scaleway:index/edgeServicesRouteStage:EdgeServicesRouteStage",
    "scaleway:index/edgeServicesTlsStage:EdgeServicesTlsStage",
    "scaleway:index/edgeServicesWafStage:EdgeServicesWafStage",
    "scaleway:index/iamApiKey:IamApiKey",
    "scaleway:index/iamApplication:IamApplication",
    "scaleway:index/iamGroup:IamGroup",
    "scaleway:index/iamGroupMembership:IamGroupMembership",
    "scaleway:index/iamPolicy:IamPolicy",
    "scaleway:index/iamSshKey:IamSshKey",
    "scaleway:index/iamUser:IamUser",
    "scaleway:index/instanceSecurityGroupRules:InstanceSecurityGroupRules",
    "scaleway:index/loadbalancerAcl:LoadbalancerAcl",
    "scaleway:index/loadbalancerBackend:LoadbalancerBackend",
    "scaleway:index/loadbalancerCertificate:LoadbalancerCertificate",
    "scaleway:index/loadbalancerFrontend:LoadbalancerFrontend",
    "scaleway:index/loadbalancerRoute:LoadbalancerRoute",
    "scaleway:instance/securityGroupRules:SecurityGroupRules",
    "scaleway:loadbalancers/acl:Acl",
    "scaleway:loadbalancers/backend:Backend",
    "scaleway:loadbalancers/certificate:Certificate",
    "scaleway:loadbalancers/frontend:Frontend",
    "scaleway:loadbalancers/route:Route",
    "scaleway:observability/cockpit:Cockpit",
    "scaleway:observability/grafanaUser:GrafanaUser",
  ],
  [
    {
      ref: "@pulumiverse/scaleway@1.54.0:<module>/<resource>.d.ts (the args, and the type tokens and aliases in the .js files)",
      read: "2026-12-03",
      note: "the resources whose Args interface declares neither `region` nor `zone`",
    },
  ],
);

const UNLOCATED: ReadonlySet<string> = new Set(UNLOCATED_RESOURCE_TYPES.value);

/** True for a Scaleway resource type that runs in a region or a zone. */
export function hasLocation(type: string): boolean {
  return type.startsWith("scaleway:") && !UNLOCATED.has(type);
}

export const LOCATION_FACTS = [UNLOCATED_RESOURCE_TYPES] as const;
