// The default providers the engine registers for a program, rebuilt for the offline plan. The SDK's
// mocks register none: a resource without an explicit provider simply has no provider, so a policy
// that reads the provider's region (ENV-4 on a resource that sets none) would decide otherwise than
// under `pulumi preview`. The engine (pulumi/pulumi v3.248.0, pkg/resource/deploy/default_providers.go
// and target.go) registers `pulumi:providers:<package>` named `default[_<version>][_<download URL>]`,
// with no parent, whose inputs are the stack config of that package (all of it for the dynamic
// provider, `pulumi-nodejs`), plus `version` and `pluginDownloadURL`; at preview its ID is unknown.
import type { PlannedResource } from "./model";
import { UNKNOWN_SENTINEL, childPath } from "./property-values";
import { engineUrn } from "./urn";

export const PROVIDER_TYPE_PREFIX = "pulumi:providers:";
const DYNAMIC_PROVIDER_PACKAGE = "pulumi-nodejs";

/** What a registration says about the provider it wants. */
export interface ProviderRequest {
  /** The resource's type token; its package is the part before the first `:`. */
  type: string;
  version: string;
  pluginDownloadUrl: string;
}

/** tokens.IntoQName: each `/`-separated segment made of [A-Za-z0-9_.-], anything else `_`. */
function intoQName(text: string): string {
  const segments = text
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => segment.replace(/[^A-Za-z0-9_.-]/g, "_"));
  return segments.length > 0 ? segments.join("/") : "_";
}

/** providers.ProviderRequest.DefaultName: `default`, `_<major>_<minor>_<patch>[_<pre>...]`, `_<url>`. */
export function defaultProviderName(version: string, pluginDownloadUrl: string): string {
  let name = "default";
  const semver = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(version);
  if (semver) {
    name += `_${semver[1]}_${semver[2]}_${semver[3]}`;
    for (const pre of semver[4]?.split(".") ?? []) name += `_${pre}`;
    for (const build of semver[5]?.split(".") ?? []) name += `_${build}`;
  }
  if (pluginDownloadUrl !== "") name += `_${intoQName(pluginDownloadUrl)}`;
  return name;
}

/** Builds, once per package/version/URL, the default provider a registration without a provider gets. */
export class DefaultProviders {
  private readonly providers = new Map<string, PlannedResource>();

  constructor(
    private readonly stack: string,
    private readonly project: string,
    /** Stack config as a program sees it: `namespace:key` -> string. */
    private readonly config: Readonly<Record<string, string>>,
    private readonly secretConfigKeys: readonly string[],
  ) {}

  /**
   * The provider reference (`<urn>::<id>`) for the request, and the provider resource when it is the
   * first of its kind (to be recorded before the resource, as the engine registers it first).
   */
  providerFor(request: ProviderRequest): { reference: string; created?: PlannedResource } {
    const pkg = request.type.split(":")[0];
    const name = defaultProviderName(request.version, request.pluginDownloadUrl);
    const type = `${PROVIDER_TYPE_PREFIX}${pkg}`;
    const urn = engineUrn({ stack: this.stack, project: this.project, type, name });
    const reference = `${urn}::${UNKNOWN_SENTINEL}`;
    if (this.providers.has(urn)) return { reference };
    const props: Record<string, unknown> = {};
    const secretPaths: string[] = [];
    for (const [key, value] of Object.entries(this.config)) {
      const colon = key.indexOf(":");
      if (pkg !== DYNAMIC_PROVIDER_PACKAGE && key.slice(0, colon) !== pkg) continue;
      // The dynamic provider gets every key whole; any other provider its own keys, unqualified.
      const input = pkg === DYNAMIC_PROVIDER_PACKAGE ? key : key.slice(colon + 1);
      props[input] = value;
      if (this.secretConfigKeys.includes(key)) secretPaths.push(childPath("", input));
    }
    if (request.version !== "") props.version = request.version;
    if (request.pluginDownloadUrl !== "") props.pluginDownloadURL = request.pluginDownloadUrl;
    const created: PlannedResource = { urn, type, name, custom: true, dependencies: [], props, secretPaths };
    this.providers.set(urn, created);
    return { reference, created };
  }
}
