// The Scaleway credentials of the pre-deploy backup: SCW_ACCESS_KEY, SCW_SECRET_KEY,
// SCW_DEFAULT_PROJECT_ID and SCW_DEFAULT_REGION (and SCW_API_URL), over the profile of the Scaleway
// config file (SCW_CONFIG_PATH, else ~/.config/scw/config.yaml; profile SCW_PROFILE, else default),
// the same order the Scaleway CLI uses. The SDK's own format checks echo the secret key in their
// message, so the formats are checked here first, with messages that never show a value.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { loadProfileFromConfigurationFile } from "@scaleway/configuration-loader";
import type { Profile } from "@scaleway/sdk-client";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";

const ACCESS_KEY = /^SCW[A-Z0-9]{17}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ScalewayCredentials {
  profile: Profile & { accessKey: string; secretKey: string; defaultProjectId: string };
  /** Where the values came from, for the progress line (never the values). */
  source: string;
}

/** The config file profile, when the file exists; a broken file is reported, never ignored. */
function fileProfile(env: NodeJS.ProcessEnv): { profile: Profile; file?: string } {
  const file =
    env.SCW_CONFIG_PATH ?? (env.HOME ? path.join(env.HOME, ".config", "scw", "config.yaml") : undefined);
  if (!file || !existsSync(file)) return { profile: {} };
  try {
    return {
      profile: loadProfileFromConfigurationFile({
        filepath: file,
        profileName: env.SCW_PROFILE ?? "default",
      }),
      file,
    };
  } catch (error) {
    throw backupCredentialError(
      `the Scaleway config file ${file} cannot be used: ${error instanceof Error ? error.message.split("\n")[0] : "unreadable"}`,
      { file },
    );
  }
}

export function backupCredentialError(problem: string, details: Record<string, unknown> = {}): InfraError {
  return new InfraError("INFRA_007", `Pre-deploy backup not taken: ${problem}.`, {
    details: {
      ...details,
      fix: "Export SCW_ACCESS_KEY, SCW_SECRET_KEY, SCW_DEFAULT_PROJECT_ID and SCW_DEFAULT_REGION (an IAM API key allowed RelationalDatabasesFullAccess on the project), or set them in a Scaleway config profile.",
    },
  });
}

/** Reads and checks the credentials; throws INFRA_007 naming every missing or malformed one. */
export function scalewayCredentials(env: NodeJS.ProcessEnv, region: string): ScalewayCredentials {
  const { profile: fromFile, file } = fileProfile(env);
  const pick = (name: string, fileValue: string | undefined): string | undefined => {
    const value = env[name];
    return value !== undefined && value !== "" ? value : fileValue;
  };
  const accessKey = pick("SCW_ACCESS_KEY", fromFile.accessKey);
  const secretKey = pick("SCW_SECRET_KEY", fromFile.secretKey);
  const defaultProjectId = pick("SCW_DEFAULT_PROJECT_ID", fromFile.defaultProjectId);
  const apiURL = pick("SCW_API_URL", fromFile.apiURL);
  const problems: string[] = [];
  if (!accessKey) problems.push("SCW_ACCESS_KEY is not set");
  else if (!ACCESS_KEY.test(accessKey))
    problems.push("SCW_ACCESS_KEY is not an access key (SCW + 17 characters)");
  if (!secretKey) problems.push("SCW_SECRET_KEY is not set");
  else if (!UUID.test(secretKey))
    problems.push("SCW_SECRET_KEY is not a secret key (a UUID); its value is not shown");
  if (!defaultProjectId) problems.push("SCW_DEFAULT_PROJECT_ID is not set");
  else if (!UUID.test(defaultProjectId)) problems.push("SCW_DEFAULT_PROJECT_ID is not a project ID (a UUID)");
  if (apiURL !== undefined && !/^https?:\/\/[^\s/]+(\/[^\s]*[^/\s])?$/.test(apiURL))
    problems.push("SCW_API_URL is not an http(s) URL without a trailing slash");
  if (problems.length > 0 || !accessKey || !secretKey || !defaultProjectId) {
    throw backupCredentialError(problems.join("; "), {
      missing_or_invalid: problems.map((p) => p.split(" ")[0]),
    });
  }
  return {
    profile: {
      accessKey,
      secretKey,
      defaultProjectId,
      defaultRegion: (pick("SCW_DEFAULT_REGION", fromFile.defaultRegion) ??
        region) as Profile["defaultRegion"],
      ...(apiURL ? { apiURL } : {}),
    },
    source: file ? `environment and ${file}` : "environment",
  };
}
