// Notifications reach a Slack webhook receiver and an SMTP server on 127.0.0.1; a notification that
// fails is reported in errors and never changes the deployment's outcome.
import { runDeployment } from "../../cli/deploy/workflow";
import { checkDeploymentRequest } from "../../cli/deploy/request";
import { ContainerServers, startContainerServers } from "./support/container-servers";
import {
  SlackReceiver,
  SmtpReceiver,
  startSlackReceiver,
  startSmtpReceiver,
} from "./support/notification-receivers";
import { deploymentRequest, memoryEngine, tempDir } from "./support/fixtures";
import { responseSchemaErrors } from "./support/response-schema";

let servers: ContainerServers;
let slack: SlackReceiver;
let smtp: SmtpReceiver;
beforeAll(async () => {
  [servers, slack, smtp] = await Promise.all([
    startContainerServers(),
    startSlackReceiver(),
    startSmtpReceiver(),
  ]);
});
afterAll(async () => {
  await Promise.all([servers.close(), slack.close(), smtp.close()]);
});
beforeEach(() => {
  slack.messages.length = 0;
  smtp.mails.length = 0;
  slack.status = 200;
});

function env(): NodeJS.ProcessEnv {
  return {
    SCW_INFRA_SLACK_WEBHOOK_URL: slack.url,
    SCW_INFRA_SMTP_HOST: "127.0.0.1",
    SCW_INFRA_SMTP_PORT: String(smtp.port),
    SCW_INFRA_SMTP_FROM: "deploy@example.gouv.fr",
    SCW_INFRA_SMTP_TO: "ops@example.gouv.fr, oncall@example.gouv.fr",
  };
}

async function deploy(overrides: Record<string, unknown>, environment: NodeJS.ProcessEnv, behaviours = {}) {
  return runDeployment({
    engine: memoryEngine({ servers, behaviours }),
    plan: checkDeploymentRequest(
      deploymentRequest({ notifications: { slack: true, email: true }, ...overrides }),
    ),
    dryRun: false,
    stateDir: tempDir(),
    policyPacks: ["policies"],
    env: environment,
    stderr: () => undefined,
  });
}

describe("deployment notifications", () => {
  it("posts the outcome to the Slack webhook", async () => {
    const { response } = await deploy({}, env());
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0].text).toContain(`${response.deployment_id}: staging 2.0.0 (rolling) completed`);
    expect(slack.messages[0].text).toContain("- documentation: deployed, healthy");
  });

  it("mails the outcome through the SMTP server to every recipient", async () => {
    const { response } = await deploy({}, env());
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].to).toEqual(["ops@example.gouv.fr", "oncall@example.gouv.fr"]);
    expect(smtp.mails[0].data).toContain(`Subject: scw-infra deploy ${response.deployment_id}`);
  });

  it("reports a rolled-back deployment as rolled_back in the notification", async () => {
    await deploy({}, env(), { "2.0.0": "failing" });
    expect(slack.messages[0].text).toMatch(/rolled_back/);
    expect(slack.messages[0].text).toContain("error: INFRA_006");
  });

  it("sends nothing the request does not ask for", async () => {
    await deploy({ notifications: { slack: false, email: false } }, env());
    expect(slack.messages).toHaveLength(0);
    expect(smtp.mails).toHaveLength(0);
  });

  it("records a refused Slack webhook in errors and keeps the deployment completed", async () => {
    slack.status = 500;
    const { response, error } = await deploy({}, env());
    expect(response.status).toBe("completed");
    expect(error).toBeUndefined();
    expect(response.errors).toEqual(["notification slack failed: webhook answered HTTP 500"]);
    expect(smtp.mails).toHaveLength(1);
    expect(responseSchemaErrors(response)).toEqual([]);
  });

  it("records missing notification settings in errors and keeps the deployment completed", async () => {
    const { response } = await deploy({}, {});
    expect(response.status).toBe("completed");
    expect(response.errors).toEqual([
      "notification slack failed: SCW_INFRA_SLACK_WEBHOOK_URL is not set",
      "notification email failed: SCW_INFRA_SMTP_HOST, SCW_INFRA_SMTP_FROM, SCW_INFRA_SMTP_TO not set",
    ]);
  });

  it("records an unreachable SMTP server in errors and keeps the deployment completed", async () => {
    const { response } = await deploy(
      { notifications: { slack: false, email: true } },
      { ...env(), SCW_INFRA_SMTP_PORT: "9" },
    );
    expect(response.status).toBe("completed");
    expect(response.errors?.[0]).toMatch(/^notification email failed: .*ECONNREFUSED/);
  });
});
