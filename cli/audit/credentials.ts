// Credentials for the audit, found where Scaleway users already keep them: the SCW_* environment
// variables, else a profile of the Scaleway CLI's config file (~/.config/scw/config.yaml, or
// SCW_CONFIG_PATH; the profile from --profile, SCW_PROFILE, else the file's active one). Environment
// values override the profile's, as in Scaleway's own tools. The secret key is checked for its
// format and then only ever handed to the SDK: no message or report repeats it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadProfileFromConfigurationFile, type Profile } from "@scaleway/configuration-loader";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { UUID_PATTERN } from "@scaleway-infra/contracts/thresholds";

export interface AuditCredentials {
  accessKey: string;
  secretKey: string;
  projectId: string;
  organizationId?: string;
  apiURL?: string;
  /** Where the values came from, for the report: `environment`, `profile default (<file>)`. */
  origin: string;
}

// The SDK's own formats (node_modules/@scaleway/sdk-client/dist/internal/validations/string-validation.js).
const ACCESS_KEY = /^SCW[A-Z0-9]{17}$/i;
// Letter case ignored, as the SDK's own check does.
const UUID = new RegExp(UUID_PATTERN, "i");

/** The Scaleway CLI config file the credentials are read from (SCW_CONFIG_PATH, else the XDG default). */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  if (env.SCW_CONFIG_PATH) return env.SCW_CONFIG_PATH;
  const base = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : path.join(env.HOME ?? os.homedir(), ".config");
  return path.join(base, "scw", "config.yaml");
}

function credentialError(message: string, fix: string, field: string): InfraError {
  return new InfraError("INFRA_001", message, {
    details: { fix },
    problems: [{ path: field, rule: "SCHEMA", message, fix }],
  });
}

/** The file's `active_profile` (a top-level key the Scaleway CLI writes), which the loader ignores. */
function activeProfileOf(file: string): string | undefined {
  const text = fs.readFileSync(file, "utf8").slice(0, 1_000_000);
  const value = /^active_profile:[ \t]*["']?([A-Za-z0-9_.-]+)["']?[ \t]*$/m.exec(text)?.[1];
  return value === "default" ? undefined : value;
}

function readProfile(
  env: NodeJS.ProcessEnv,
  profileName: string | undefined,
): { profile: Profile; origin?: string } {
  const file = configFilePath(env);
  let wanted = profileName ?? (env.SCW_PROFILE || undefined);
  if (!fs.existsSync(file)) {
    if (wanted) {
      throw new InfraError(
        "INFRA_004",
        `The Scaleway config file ${file} does not exist, so profile "${wanted}" cannot be read.`,
        {
          details: {
            fix: "Create it with `scw init`, set SCW_CONFIG_PATH, or use the SCW_* environment variables.",
          },
        },
      );
    }
    return { profile: {} };
  }
  if (
    wanted !== undefined &&
    (!/^[A-Za-z0-9_.-]{1,64}$/.test(wanted) || ["__proto__", "constructor", "prototype"].includes(wanted))
  ) {
    throw credentialError(
      "The profile name is not one the Scaleway CLI writes (letters, digits, _ . -).",
      "Give the name of a profile of the config file.",
      "--profile",
    );
  }
  try {
    wanted ??= activeProfileOf(file);
    const profile = loadProfileFromConfigurationFile({
      filepath: file,
      ...(wanted ? { profileName: wanted } : {}),
    });
    return { profile, origin: `profile ${wanted ?? "(active)"} of ${file}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new InfraError("INFRA_001", `Cannot read the Scaleway config file ${file}: ${reason}`, {
      details: { fix: "Check the file (it is YAML, as `scw init` writes it) and the profile name." },
    });
  }
}

export function resolveCredentials(
  env: NodeJS.ProcessEnv,
  options: { profile?: string; project?: string } = {},
): AuditCredentials {
  const { profile, origin } = readProfile(env, options.profile);
  // The loader keeps a YAML value's quotes: `secret_key: "…"` must read as the key inside them.
  const unquote = (text: string): string => text.trim().replace(/^(["'])(.*)\1$/, "$2");
  const pick = (key: string, fromProfile: string | undefined): string | undefined => {
    const value = env[key];
    return value !== undefined && value !== ""
      ? unquote(value)
      : fromProfile !== undefined
        ? unquote(fromProfile)
        : undefined;
  };
  const accessKey = pick("SCW_ACCESS_KEY", profile.accessKey);
  const secretKey = pick("SCW_SECRET_KEY", profile.secretKey);
  const projectId =
    options.project !== undefined
      ? unquote(options.project)
      : pick("SCW_DEFAULT_PROJECT_ID", profile.defaultProjectId);
  const organizationId = pick("SCW_DEFAULT_ORGANIZATION_ID", profile.defaultOrganizationId);
  const apiURL = pick("SCW_API_URL", profile.apiURL);
  const fixKeys =
    "Set SCW_ACCESS_KEY and SCW_SECRET_KEY (an API key of an IAM application with the read-only permission sets in `scw-infra audit --help`), or a profile with `scw init`.";
  if (!accessKey)
    throw credentialError(
      "No Scaleway access key: SCW_ACCESS_KEY is not set and no profile has one.",
      fixKeys,
      "SCW_ACCESS_KEY",
    );
  if (!secretKey)
    throw credentialError(
      "No Scaleway secret key: SCW_SECRET_KEY is not set and no profile has one.",
      fixKeys,
      "SCW_SECRET_KEY",
    );
  if (!ACCESS_KEY.test(accessKey))
    throw credentialError(
      "SCW_ACCESS_KEY is not a Scaleway access key (SCW followed by 17 letters or digits).",
      fixKeys,
      "SCW_ACCESS_KEY",
    );
  if (!UUID.test(secretKey))
    // The value is never repeated: it may be a real secret pasted into the wrong variable.
    throw credentialError(
      "SCW_SECRET_KEY is not a Scaleway secret key (a UUID); its value is not shown.",
      fixKeys,
      "SCW_SECRET_KEY",
    );
  if (!projectId)
    throw credentialError(
      "No project to audit: give --project <id>, or set SCW_DEFAULT_PROJECT_ID.",
      "Pass --project with the Scaleway project ID (a UUID).",
      "--project",
    );
  if (!UUID.test(projectId))
    throw credentialError(
      "The project ID is not a UUID (its value is not shown: it may be a key pasted in the wrong place).",
      "Scaleway project IDs are UUIDs: copy it from the console's project settings.",
      "--project",
    );
  if (organizationId !== undefined && !UUID.test(organizationId))
    throw credentialError(
      "SCW_DEFAULT_ORGANIZATION_ID is not a UUID.",
      "Unset it or give the organization's UUID.",
      "SCW_DEFAULT_ORGANIZATION_ID",
    );
  if (apiURL !== undefined && !/^https?:\/\/[^/\s]+(\/[^\s]*[^/\s])?$/.test(apiURL))
    throw credentialError(
      "SCW_API_URL is not an http(s) URL without a trailing slash.",
      "Unset SCW_API_URL to use https://api.scaleway.com.",
      "SCW_API_URL",
    );
  const fromEnv = ["SCW_ACCESS_KEY", "SCW_SECRET_KEY"].every((k) => env[k]);
  return {
    accessKey,
    secretKey,
    projectId,
    ...(organizationId ? { organizationId } : {}),
    ...(apiURL ? { apiURL } : {}),
    origin: fromEnv ? "environment (SCW_*)" : (origin ?? "environment (SCW_*)"),
  };
}
