// Deployment notifications (DEP-1 `notifications`): Slack through an incoming webhook whose URL is
// in SCW_INFRA_SLACK_WEBHOOK_URL, email through SMTP (nodemailer) configured by SCW_INFRA_SMTP_*.
// A notification that cannot be sent is reported as an error string; it never changes the outcome.
import * as http from "node:http";
import * as https from "node:https";
import { createTransport } from "nodemailer";
import type { DeploymentRequest, DeploymentResponse } from "@scaleway-infra/contracts/documents/types";

export const SLACK_WEBHOOK_ENV = "SCW_INFRA_SLACK_WEBHOOK_URL";
export const SMTP_ENV = {
  host: "SCW_INFRA_SMTP_HOST",
  port: "SCW_INFRA_SMTP_PORT",
  secure: "SCW_INFRA_SMTP_SECURE",
  user: "SCW_INFRA_SMTP_USER",
  password: "SCW_INFRA_SMTP_PASSWORD",
  from: "SCW_INFRA_SMTP_FROM",
  to: "SCW_INFRA_SMTP_TO",
} as const;
/** Submission port when SCW_INFRA_SMTP_PORT is unset. */
const DEFAULT_SMTP_PORT = 587;
const NOTIFY_TIMEOUT_MS = 10_000;

export function summaryLine(request: DeploymentRequest, response: DeploymentResponse): string {
  return `scw-infra deploy ${response.deployment_id}: ${request.environment} ${request.version} (${request.strategy}) ${response.status}`;
}

export function summaryText(request: DeploymentRequest, response: DeploymentResponse): string {
  const lines = [summaryLine(request, response)];
  for (const service of response.services) {
    lines.push(
      `- ${service.name}: ${service.status}, ${service.health}${service.url ? ` (${service.url})` : ""}`,
    );
  }
  if (response.rollback_info.previous_version)
    lines.push(`previous version: ${response.rollback_info.previous_version}`);
  for (const error of response.errors ?? []) lines.push(`error: ${error}`);
  return lines.join("\n");
}

/** Sends the notifications the request asks for; returns one error string per failed one. */
export async function sendNotifications(
  request: DeploymentRequest,
  response: DeploymentResponse,
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  const errors: string[] = [];
  const text = summaryText(request, response);
  if (request.notifications.slack) {
    try {
      await postSlack(env[SLACK_WEBHOOK_ENV], text);
    } catch (error) {
      errors.push(`notification slack failed: ${(error as Error).message}`);
    }
  }
  if (request.notifications.email) {
    try {
      await sendEmail(env, summaryLine(request, response), text);
    } catch (error) {
      errors.push(`notification email failed: ${(error as Error).message}`);
    }
  }
  return errors;
}

async function postSlack(webhookUrl: string | undefined, text: string): Promise<void> {
  if (!webhookUrl) throw new Error(`${SLACK_WEBHOOK_ENV} is not set`);
  const url = new URL(webhookUrl);
  const body = JSON.stringify({ text });
  const client = url.protocol === "https:" ? https : http;
  await new Promise<void>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        agent: false,
        timeout: NOTIFY_TIMEOUT_MS,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on("end", () =>
          response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300
            ? resolve()
            : reject(new Error(`webhook answered HTTP ${response.statusCode}`)),
        );
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${NOTIFY_TIMEOUT_MS} ms`)));
    request.on("error", (error: NodeJS.ErrnoException) => reject(new Error(error.code ?? error.message)));
    request.end(body);
  });
}

async function sendEmail(env: NodeJS.ProcessEnv, subject: string, text: string): Promise<void> {
  const host = env[SMTP_ENV.host];
  const from = env[SMTP_ENV.from];
  const to = env[SMTP_ENV.to];
  const missing = [
    [SMTP_ENV.host, host],
    [SMTP_ENV.from, from],
    [SMTP_ENV.to, to],
  ].filter(([, value]) => !value);
  if (missing.length > 0) throw new Error(`${missing.map(([name]) => name).join(", ")} not set`);
  const user = env[SMTP_ENV.user];
  const transport = createTransport({
    host,
    port: Number(env[SMTP_ENV.port] ?? DEFAULT_SMTP_PORT),
    secure: env[SMTP_ENV.secure] === "true",
    ...(user ? { auth: { user, pass: env[SMTP_ENV.password] ?? "" } } : {}),
    connectionTimeout: NOTIFY_TIMEOUT_MS,
    greetingTimeout: NOTIFY_TIMEOUT_MS,
    socketTimeout: NOTIFY_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from, to: to?.split(",").map((a) => a.trim()), subject, text });
  } finally {
    transport.close();
  }
}
