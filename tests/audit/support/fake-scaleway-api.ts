// A stand-in for Scaleway's API on 127.0.0.1, answering the routes `scw-infra audit` reads in the
// API's own JSON shapes (snake_case, `total_count` pagination with `page`/`page_size`), as the pinned
// SDK's unmarshalling code reads them (node_modules/@scaleway/sdk-*/dist/*/marshalling.gen.js).
// It serves a FakeProject, checks the X-Auth-Token header, records every request, and injects
// faults per route: 401/403, 404, 429 and 5xx answers.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export type Json = Record<string, unknown>;

export interface FakeRegion {
  container_namespaces: Json[];
  containers: Json[];
  instances: Json[];
  acls: Record<string, Json[]>;
  users: Record<string, Json[]>;
  privileges: Record<string, Json[]>;
  secrets: Json[];
  secret_versions: Record<string, Json[]>;
  vpcs: Json[];
  private_networks: Json[];
  registry_namespaces: Json[];
  alert_manager: Json;
  contact_points: Json[];
  alerts: Json[];
}

export interface FakeProject {
  project: Json;
  regions: Record<string, FakeRegion>;
  applications: Json[];
  policies: Json[];
  rules: Record<string, Json[]>;
}

export interface Fault {
  /** Matches the request path (`/rdb/`, `/iam/v1alpha1/policies`). */
  path: RegExp;
  status: 401 | 403 | 404 | 429 | 500 | 502 | 503;
  /** Answers with this instead of the standard error body of `status`. */
  body?: Json;
  /** A 302 to this URL instead of an error, or "hang" to accept the request and never answer. */
  behaviour?: { redirectTo: string } | "hang";
  /** How many matching requests fail before the route answers again; Infinity for always. */
  times: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorized: boolean;
}

function errorBody(status: number, path: string): Json {
  switch (status) {
    case 401:
      return {
        type: "denied_authentication",
        method: "api_key",
        reason: "invalid_argument",
        message: "authentication is denied",
      };
    case 403:
      return {
        type: "permissions_denied",
        message: "insufficient permissions",
        details: [{ resource: path.split("/")[1] ?? "api", action: "read" }],
      };
    case 404:
      return {
        type: "not_found",
        resource: "project",
        resource_id: path.split("/").pop(),
        message: "resource is not found",
      };
    case 429:
      return { type: "too_many_requests", message: "too many requests", help_message: "slow down" };
    default:
      return { message: "internal error", type: "internal" };
  }
}

export class FakeScalewayApi {
  readonly requests: RecordedRequest[] = [];
  faults: Fault[] = [];
  /** 200 answers replaced by a given body, for lying or malformed list answers. */
  bodyOverrides: { path: RegExp; body: unknown }[] = [];
  /** Requests being answered right now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  /** Delay before each answer, so concurrency shows. */
  latencyMs = 0;
  /** Page size when the client sends none. */
  defaultPageSize = 10;
  private server: http.Server | undefined;

  constructor(
    public project: FakeProject,
    private readonly secretKey: string,
  ) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private send(res: http.ServerResponse, status: number, body: Json): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private page(res: http.ServerResponse, query: Record<string, string>, key: string, items: Json[]): void {
    const size = Math.max(1, Number(query.page_size ?? this.defaultPageSize));
    const page = Math.max(1, Number(query.page ?? 1));
    this.send(res, 200, { [key]: items.slice((page - 1) * size, page * size), total_count: items.length });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on("close", () => (this.inFlight -= 1));
    if (this.latencyMs > 0) setTimeout(() => this.answer(req, res), this.latencyMs);
    else this.answer(req, res);
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams.entries());
    const authorized = req.headers["x-auth-token"] === this.secretKey;
    this.requests.push({ method: req.method ?? "GET", path: url.pathname, query, authorized });
    if (!authorized) return this.send(res, 401, errorBody(401, url.pathname));
    const fault = this.faults.find((f) => f.path.test(url.pathname) && f.times > 0);
    if (fault) {
      fault.times -= 1;
      if (fault.behaviour === "hang") return;
      if (fault.behaviour) {
        res.writeHead(302, { location: fault.behaviour.redirectTo });
        return void res.end();
      }
      return this.send(res, fault.status, fault.body ?? errorBody(fault.status, url.pathname));
    }
    const override = this.bodyOverrides.find((o) => o.path.test(url.pathname));
    if (override) {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify(override.body));
    }
    if (req.method !== "GET")
      return this.send(res, 405, { message: "the audit only reads", type: "invalid_request_error" });
    this.route(url.pathname, query, res);
  }

  private route(path: string, query: Record<string, string>, res: http.ServerResponse): void {
    const p = this.project;
    let m: RegExpExecArray | null;
    if ((m = /^\/account\/v3\/projects\/([^/]+)$/.exec(path))) {
      return m[1] === p.project.id
        ? this.send(res, 200, p.project)
        : this.send(res, 404, errorBody(404, path));
    }
    if (path === "/iam/v1alpha1/applications") return this.page(res, query, "applications", p.applications);
    if (path === "/iam/v1alpha1/policies") return this.page(res, query, "policies", p.policies);
    if (path === "/iam/v1alpha1/rules") return this.page(res, query, "rules", p.rules[query.policy_id] ?? []);
    m = /^\/([a-z-]+)\/(v[0-9a-z]+)\/regions\/([a-z-]+)\/(.*)$/.exec(path);
    const region = m ? p.regions[m[3]] : undefined;
    if (!m || !region) {
      // Every region of the API answers, empty where the project has nothing.
      if (m && ["fr-par", "nl-ams", "pl-waw"].includes(m[3]))
        return this.routeRegional(m[1], m[4], query, res, emptyRegion());
      return this.send(res, 404, { message: `no route ${path}`, type: "not_found", resource: "route" });
    }
    return this.routeRegional(m[1], m[4], query, res, region);
  }

  private routeRegional(
    product: string,
    rest: string,
    query: Record<string, string>,
    res: http.ServerResponse,
    r: FakeRegion,
  ): void {
    const projectFilter = (items: Json[]): Json[] =>
      query.project_id
        ? items.filter((i) => i.project_id === undefined || i.project_id === query.project_id)
        : items;
    let m: RegExpExecArray | null;
    switch (product) {
      case "containers":
        if (rest === "namespaces")
          return this.page(res, query, "namespaces", projectFilter(r.container_namespaces));
        if (rest === "containers")
          return this.page(
            res,
            query,
            "containers",
            r.containers.filter((c) => c.namespace_id === query.namespace_id),
          );
        break;
      case "rdb":
        if (rest === "instances") return this.page(res, query, "instances", projectFilter(r.instances));
        if ((m = /^instances\/([^/]+)\/(acls|users|privileges)$/.exec(rest))) {
          const table = m[2] === "acls" ? r.acls : m[2] === "users" ? r.users : r.privileges;
          return this.page(res, query, m[2] === "acls" ? "rules" : m[2], table[m[1]] ?? []);
        }
        break;
      case "secret-manager":
        if (rest === "secrets") return this.page(res, query, "secrets", projectFilter(r.secrets));
        if ((m = /^secrets\/([^/]+)\/versions$/.exec(rest)))
          return this.page(res, query, "versions", r.secret_versions[m[1]] ?? []);
        break;
      case "vpc":
        if (rest === "vpcs") return this.page(res, query, "vpcs", projectFilter(r.vpcs));
        if (rest === "private-networks")
          return this.page(res, query, "private_networks", projectFilter(r.private_networks));
        break;
      case "registry":
        if (rest === "namespaces")
          return this.page(res, query, "namespaces", projectFilter(r.registry_namespaces));
        break;
      case "cockpit":
        if (rest === "alert-manager") return this.send(res, 200, r.alert_manager);
        if (rest === "alert-manager/contact-points")
          return this.page(res, query, "contact_points", r.contact_points);
        if (rest === "alerts") {
          const alerts =
            query.is_preconfigured === "true" ? r.alerts.filter((a) => a.preconfigured === true) : r.alerts;
          return this.send(res, 200, { alerts, total_count: alerts.length });
        }
        break;
      case "audit-trail":
        if (rest === "products")
          return this.send(res, 200, {
            products: [{ name: "secret-manager", title: "Secret Manager", services: [] }],
            total_count: 1,
          });
        break;
    }
    this.send(res, 404, { message: `no route ${product}/${rest}`, type: "not_found", resource: "route" });
  }
}

export function emptyRegion(region = "fr-par"): FakeRegion {
  return {
    container_namespaces: [],
    containers: [],
    instances: [],
    acls: {},
    users: {},
    privileges: {},
    secrets: [],
    secret_versions: {},
    vpcs: [],
    private_networks: [],
    registry_namespaces: [],
    alert_manager: { region, alert_manager_enabled: false, managed_alerts_enabled: false },
    contact_points: [],
    alerts: [],
  };
}
