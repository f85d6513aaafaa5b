// HTTP client of the Cockpit ruler API (Mimir-compatible): push a rule group as YAML, delete one, and
// turn every failure into an InfraError with the INFRA code of its HTTP status. Kept free of Pulumi and
// of other project modules but the error type, because the dynamic provider serialises it.
import { stringify } from "yaml";
import { InfraError, type InfraCode } from "@scaleway-infra/contracts/errors/infra-error";

export interface RulerEndpoint {
  /** URL of the project's Scaleway metrics data source (`observability.getSource`, origin scaleway). */
  baseUrl: string;
  namespace: string;
  /** Cockpit token with the metrics-rules setup scope; never logged, never in an error. */
  token: string;
}

export interface RulerRuleGroup {
  name: string;
  interval?: string;
  rules: unknown[];
}

/** `<base>/prometheus/config/v1/rules/<namespace>[/<group>]`. */
export function rulesUrl(endpoint: Pick<RulerEndpoint, "baseUrl" | "namespace">, group?: string): string {
  const base = `${endpoint.baseUrl.replace(/\/+$/, "")}/prometheus/config/v1/rules/${encodeURIComponent(endpoint.namespace)}`;
  return group === undefined ? base : `${base}/${encodeURIComponent(group)}`;
}

/** The INFRA code of a ruler HTTP status (ERR-2). */
export function infraCodeForStatus(status: number): InfraCode {
  if (status === 401 || status === 403) return "INFRA_003";
  if (status === 404) return "INFRA_004";
  if (status === 429) return "INFRA_002";
  return "INFRA_005";
}

const FIXES: Record<string, string> = {
  INFRA_003:
    "check that the Cockpit token exists and has the metrics-rules setup scope (setup_metrics_rules)",
  INFRA_004:
    "check that the project has its Scaleway metrics data source in this region (observability.getSource, origin scaleway)",
  INFRA_002: "the ruler is rate limiting: wait a minute and run `pulumi up` again",
  INFRA_005:
    "retry `pulumi up`; if it persists, check the Cockpit status page and the rule group in the error",
};

async function send(
  method: "POST" | "DELETE",
  url: string,
  token: string,
  what: string,
  body?: string,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        "X-Auth-Token": token,
        ...(body === undefined ? {} : { "Content-Type": "application/yaml" }),
      },
      body,
    });
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    throw new InfraError("INFRA_005", `Cockpit ruler unreachable while trying to ${what}: ${reason}`, {
      details: { url, method, fix: FIXES.INFRA_005 },
    });
  }
  return response;
}

async function failure(response: Response, method: string, url: string, what: string): Promise<InfraError> {
  const code = infraCodeForStatus(response.status);
  const text = (await response.text().catch(() => "")).slice(0, 300).trim();
  return new InfraError(
    code,
    `Cockpit ruler refused to ${what}: HTTP ${response.status}${text ? ` (${text})` : ""}`,
    {
      details: { url, method, status: response.status, fix: FIXES[code] },
    },
  );
}

/** Creates or replaces one rule group (the ruler answers 202 Accepted). */
export async function pushRuleGroup(endpoint: RulerEndpoint, group: RulerRuleGroup): Promise<void> {
  const url = rulesUrl(endpoint);
  const what = `store rule group ${group.name} in namespace ${endpoint.namespace}`;
  const response = await send("POST", url, endpoint.token, what, stringify(group, { lineWidth: 0 }));
  if (!response.ok) throw await failure(response, "POST", url, what);
}

/** Deletes one rule group; a group that is already gone counts as deleted. */
export async function deleteRuleGroup(endpoint: RulerEndpoint, groupName: string): Promise<void> {
  const url = rulesUrl(endpoint, groupName);
  const what = `delete rule group ${groupName} in namespace ${endpoint.namespace}`;
  const response = await send("DELETE", url, endpoint.token, what);
  if (!response.ok && response.status !== 404) throw await failure(response, "DELETE", url, what);
}
