// A stand-in for the Cockpit ruler API on 127.0.0.1, for the dynamic provider's tests: it checks the
// token, stores rule groups per namespace from the posted YAML, deletes them, and records every request.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "yaml";

export const TOKEN = "cockpit-token-canary-42";

export interface ReceivedRequest {
  method: string;
  path: string;
  token: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** A stand-in for the Cockpit ruler: stores groups per namespace; answers `status` when it is set. */
export class FakeRuler {
  readonly requests: ReceivedRequest[] = [];
  readonly stored = new Map<string, unknown>();
  status: number | undefined;
  private server?: Server;
  url = "";

  async start(): Promise<void> {
    this.server = createServer(
      (req, res) => void this.handle(req).then(([status, text]) => res.writeHead(status).end(text)),
    );
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<[number, string]> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ReceivedRequest = {
      method: req.method ?? "",
      path: req.url ?? "",
      token: req.headers["x-auth-token"] as string | undefined,
      contentType: req.headers["content-type"],
      body: Buffer.concat(chunks).toString("utf8"),
    };
    this.requests.push(request);
    if (this.status !== undefined) return [this.status, `ruler says ${this.status}`];
    if (request.token !== TOKEN) return [401, "missing token"];
    const match = /^\/prometheus\/config\/v1\/rules\/([^/]+)(?:\/([^/]+))?$/.exec(request.path);
    if (!match) return [404, "not found"];
    const namespace = decodeURIComponent(match[1]);
    if (request.method === "POST" && match[2] === undefined) {
      const group = parse(request.body) as { name: string };
      this.stored.set(`${namespace}/${group.name}`, group);
      return [202, ""];
    }
    if (request.method === "DELETE" && match[2] !== undefined) {
      const key = `${namespace}/${decodeURIComponent(match[2])}`;
      if (!this.stored.delete(key)) return [404, "group not found"];
      return [202, ""];
    }
    return [405, "method not allowed"];
  }
}
