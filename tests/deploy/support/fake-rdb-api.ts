// A stand-in for the Scaleway Managed Database API on 127.0.0.1, answering the two backup calls the
// pre-deploy backup makes in the API's own JSON shapes (snake_case, as the SDK unmarshals them):
// POST /rdb/v1/regions/{region}/backups and GET /rdb/v1/regions/{region}/backups/{id}. Each
// behaviour is one way the real API can answer, or misbehave.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export type RdbBehaviour =
  /** creating on create and on the first polls, then ready */
  | "ready"
  /** creating, then error */
  | "backup-error"
  /** the create call is refused with HTTP 403 permissions_denied */
  | "forbidden"
  /** the create call fails with HTTP 500 */
  | "server-error"
  /** stays creating forever */
  | "never-ready"
  /** the status poll never answers */
  | "hang"
  /** answers the create call with an error that echoes the X-Auth-Token it received */
  | "echo-token";

export const TEST_ACCESS_KEY = "SCWXXXXXXXXXXXXXXXXX";
export const TEST_SECRET_KEY = "11111111-2222-4333-8444-555555555555";
export const TEST_PROJECT_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
export const TEST_INSTANCE_ID = "0f0e0d0c-0b0a-4909-8807-060504030201";

export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  authenticated: boolean;
}

export interface FakeRdbApi {
  url: string;
  behaviour: RdbBehaviour;
  /** Polls answered `creating` before `ready` or `error`. */
  pollsBeforeFinal: number;
  requests: RecordedRequest[];
  /** Environment for the workflow: credentials and SCW_API_URL pointing here. */
  env(): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

const BACKUP_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

function backupJson(status: string, body: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    id: BACKUP_ID,
    instance_id: body?.instance_id ?? TEST_INSTANCE_ID,
    database_name: body?.database_name ?? "platform",
    name: body?.name ?? "pre-deploy",
    status,
    size: status === "ready" ? 1048576 : null,
    expires_at: body?.expires_at ?? null,
    created_at: "2026-12-03T10:00:00Z",
    updated_at: "2026-12-03T10:00:01Z",
    instance_name: "platform-production",
    download_url: null,
    download_url_expires_at: null,
    region: "fr-par",
    same_region: false,
  };
}

export async function startFakeRdbApi(behaviour: RdbBehaviour = "ready"): Promise<FakeRdbApi> {
  const hanging = new Set<http.ServerResponse>();
  let polls = 0;
  let created: Record<string, unknown> | undefined;
  const api: FakeRdbApi = {
    url: "",
    behaviour,
    pollsBeforeFinal: 2,
    requests: [],
    env: () => ({
      SCW_ACCESS_KEY: TEST_ACCESS_KEY,
      SCW_SECRET_KEY: TEST_SECRET_KEY,
      SCW_DEFAULT_PROJECT_ID: TEST_PROJECT_ID,
      SCW_DEFAULT_REGION: "fr-par",
      SCW_API_URL: api.url,
    }),
    close: async () => undefined,
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      const path = request.url ?? "";
      api.requests.push({
        method: request.method ?? "",
        path,
        body,
        authenticated: request.headers["x-auth-token"] === TEST_SECRET_KEY,
      });
      const answer = (status: number, json: unknown): void => {
        response.writeHead(status, { "content-type": "application/json", connection: "close" });
        response.end(JSON.stringify(json));
      };
      const isCreate = request.method === "POST" && /^\/rdb\/v1\/regions\/[a-z-]+\/backups$/.test(path);
      const isGet =
        request.method === "GET" && /^\/rdb\/v1\/regions\/[a-z-]+\/backups\/[0-9a-f-]+$/.test(path);
      if (isCreate) {
        created = body;
        if (api.behaviour === "forbidden")
          return answer(403, {
            type: "permissions_denied",
            message: "insufficient permissions",
            details: [{ resource: "rdb_backup", action: "create" }],
          });
        if (api.behaviour === "server-error") return answer(500, { message: "internal error" });
        if (api.behaviour === "echo-token")
          return answer(400, {
            type: "invalid_request_error",
            message: `bad token ${String(request.headers["x-auth-token"])}`,
          });
        return answer(200, backupJson("creating", created));
      }
      if (isGet) {
        if (api.behaviour === "hang") {
          hanging.add(response);
          return;
        }
        polls += 1;
        if (api.behaviour === "never-ready" || polls <= api.pollsBeforeFinal)
          return answer(200, backupJson("creating", created));
        return answer(200, backupJson(api.behaviour === "backup-error" ? "error" : "ready", created));
      }
      return answer(404, { type: "not_found", message: `no route ${request.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise<void>((resolve) => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return api;
}

export { BACKUP_ID };
