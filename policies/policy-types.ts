// The @pulumi/policy types the pack and the offline runner share. Everything outside policies/ takes
// these types from here, so that the type checker always sees one copy of @pulumi/policy (the pack
// has its own node_modules) and a policy object built here is accepted by cli/policy-runner/runner.ts.
// Type-only: importing this module loads nothing at run time.
export type {
  EnforcementLevel,
  Policies,
  Policy,
  PolicyConfigSchema,
  PolicyPackConfig,
  PolicyResource,
  PolicyResourceOptions,
  PolicyProviderResource,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidation,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
