// Starts the fake Scaleway API for one test and gives the environment `scw-infra audit` reads.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FakeProject } from "./fake-scaleway-api";
import { FakeScalewayApi } from "./fake-scaleway-api";
import { ACCESS_KEY, PROJECT_ID, SECRET_KEY } from "./fake-project";

export interface AuditWorld {
  api: FakeScalewayApi;
  env: NodeJS.ProcessEnv;
  dir: string;
  stop: () => Promise<void>;
}

export async function startAuditWorld(project: FakeProject): Promise<AuditWorld> {
  const api = new FakeScalewayApi(project, SECRET_KEY);
  const url = await api.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scw-audit-"));
  const env: NodeJS.ProcessEnv = {
    HOME: dir, // no ~/.config/scw/config.yaml unless a test writes one
    SCW_ACCESS_KEY: ACCESS_KEY,
    SCW_SECRET_KEY: SECRET_KEY,
    SCW_DEFAULT_PROJECT_ID: PROJECT_ID,
    SCW_API_URL: url,
    SCW_INFRA_RETRY_BASE_MS: "5",
  };
  return {
    api,
    env,
    dir,
    stop: async () => {
      await api.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
