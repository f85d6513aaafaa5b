// The Pulumi dynamic provider that keeps the Cockpit ruler's rule groups in step with the stack:
// Scaleway's provider has no resource for custom alerting rules. Inputs are plain data (the groups and
// the targets they watch, so the policy pack can check coverage, OPS-4); the token is a secret input
// and a secret output.
import * as pulumi from "@pulumi/pulumi";
import { deleteRuleGroup, pushRuleGroup, type RulerEndpoint } from "./ruler-client";
import { COCKPIT_RULES_KIND, type RuleGroup } from "./rule-groups";

export interface CockpitRuleGroupsState {
  kind: string;
  rulerUrl: string;
  namespace: string;
  groups: RuleGroup[];
  targets: string[];
  token: string;
}

function endpointOf(state: CockpitRuleGroupsState): RulerEndpoint {
  return { baseUrl: state.rulerUrl, namespace: state.namespace, token: state.token };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The provider, built around the client functions it calls. Pulumi serialises the provider with its
 * closure; receiving the functions as values (not through module exports) keeps that closure small
 * and independent of how the modules were compiled.
 */
function rulesProvider(
  push: typeof pushRuleGroup,
  remove: typeof deleteRuleGroup,
): pulumi.dynamic.ResourceProvider {
  return {
    async create(inputs: CockpitRuleGroupsState): Promise<pulumi.dynamic.CreateResult> {
      for (const group of inputs.groups) await push(endpointOf(inputs), group);
      return { id: `${inputs.rulerUrl.replace(/\/+$/, "")}#${inputs.namespace}`, outs: inputs };
    },

    async diff(
      _id: string,
      olds: CockpitRuleGroupsState,
      news: CockpitRuleGroupsState,
    ): Promise<pulumi.dynamic.DiffResult> {
      const replaces = (["rulerUrl", "namespace"] as const).filter((key) => olds[key] !== news[key]);
      const updates = (["groups", "targets", "token", "kind"] as const).filter(
        (key) => !same(olds[key], news[key]),
      );
      return {
        changes: replaces.length > 0 || updates.length > 0,
        replaces,
        deleteBeforeReplace: false,
      };
    },

    async update(
      _id: string,
      olds: CockpitRuleGroupsState,
      news: CockpitRuleGroupsState,
    ): Promise<pulumi.dynamic.UpdateResult> {
      for (const group of news.groups) await push(endpointOf(news), group);
      const kept = new Set(news.groups.map((g) => g.name));
      for (const group of olds.groups) {
        if (!kept.has(group.name)) await remove(endpointOf(news), group.name);
      }
      return { outs: news };
    },

    async delete(_id: string, props: CockpitRuleGroupsState): Promise<void> {
      for (const group of props.groups) await remove(endpointOf(props), group.name);
    },
  };
}

export const cockpitRulesProvider = rulesProvider(pushRuleGroup, deleteRuleGroup);

export interface CockpitRuleGroupsArgs {
  rulerUrl: pulumi.Input<string>;
  namespace: pulumi.Input<string>;
  groups: pulumi.Input<RuleGroup[]>;
  targets: pulumi.Input<string[]>;
  token: pulumi.Input<string>;
}

/** Rule groups in one ruler namespace, pushed by cockpitRulesProvider. */
export class CockpitRuleGroups extends pulumi.dynamic.Resource {
  declare readonly groups: pulumi.Output<RuleGroup[]>;
  declare readonly targets: pulumi.Output<string[]>;

  constructor(name: string, args: CockpitRuleGroupsArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      cockpitRulesProvider,
      name,
      { kind: COCKPIT_RULES_KIND, ...args, token: pulumi.secret(args.token) },
      { ...opts, additionalSecretOutputs: ["token"] },
    );
  }
}
