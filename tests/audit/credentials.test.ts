// Where the audit's credentials come from: SCW_* variables first, then a profile of the Scaleway
// config file; malformed values are refused without ever repeating a secret key.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveCredentials } from "../../cli/audit/credentials";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";

const ACCESS = "SCWPROFILEKEY000000A";
const SECRET = "99999999-8888-4777-8666-555555555555";
const PROJECT = "12345678-1234-4234-8234-123456789012";

function tempHome(config?: string): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "scw-home-"));
  if (config !== undefined) {
    fs.mkdirSync(path.join(home, ".config", "scw"), { recursive: true });
    fs.writeFileSync(path.join(home, ".config", "scw", "config.yaml"), config);
  }
  return home;
}

function refusal(run: () => unknown): InfraError {
  try {
    run();
  } catch (error) {
    if (error instanceof InfraError) return error;
    throw error;
  }
  throw new Error("expected an InfraError");
}

describe("audit credentials", () => {
  it("reads the active profile of ~/.config/scw/config.yaml", () => {
    const HOME = tempHome(
      `access_key: ${ACCESS}\nsecret_key: ${SECRET}\ndefault_project_id: ${PROJECT}\ndefault_region: fr-par\n`,
    );
    const credentials = resolveCredentials({ HOME });
    expect(credentials).toMatchObject({ accessKey: ACCESS, secretKey: SECRET, projectId: PROJECT });
    expect(credentials.origin).toContain("config.yaml");
  });

  it("reads a named profile, and SCW_* variables override it", () => {
    const HOME = tempHome(
      `profiles:\n  audit:\n    access_key: ${ACCESS}\n    secret_key: ${SECRET}\n    default_project_id: ${PROJECT}\n`,
    );
    const other = "00000000-0000-4000-8000-000000000abc";
    const credentials = resolveCredentials({ HOME, SCW_DEFAULT_PROJECT_ID: other }, { profile: "audit" });
    expect(credentials.projectId).toBe(other);
    expect(credentials.accessKey).toBe(ACCESS);
  });

  it("refuses a missing secret key with INFRA_001 and says where to put one", () => {
    const error = refusal(() =>
      resolveCredentials({ HOME: tempHome(), SCW_ACCESS_KEY: ACCESS, SCW_DEFAULT_PROJECT_ID: PROJECT }),
    );
    expect(error.code).toBe("INFRA_001");
    expect(error.message).toContain("SCW_SECRET_KEY");
  });

  it("refuses a malformed secret key without repeating it", () => {
    const pasted = "not-a-uuid-but-maybe-a-real-password-Zx81";
    const error = refusal(() =>
      resolveCredentials({
        HOME: tempHome(),
        SCW_ACCESS_KEY: ACCESS,
        SCW_SECRET_KEY: pasted,
        SCW_DEFAULT_PROJECT_ID: PROJECT,
      }),
    );
    expect(error.code).toBe("INFRA_001");
    expect(JSON.stringify(error.toErrorResponse())).not.toContain(pasted);
  });

  it("refuses a project ID that is not a UUID, and a missing profile", () => {
    expect(
      refusal(() =>
        resolveCredentials(
          { HOME: tempHome(), SCW_ACCESS_KEY: ACCESS, SCW_SECRET_KEY: SECRET },
          { project: "../etc" },
        ),
      ).code,
    ).toBe("INFRA_001");
    expect(refusal(() => resolveCredentials({ HOME: tempHome() }, { profile: "nope" })).code).toBe(
      "INFRA_004",
    );
  });

  it("refuses an API URL with a trailing slash or another scheme", () => {
    for (const SCW_API_URL of ["http://127.0.0.1:1/", "file:///etc/passwd", "javascript:alert(1)"]) {
      const env = {
        HOME: tempHome(),
        SCW_ACCESS_KEY: ACCESS,
        SCW_SECRET_KEY: SECRET,
        SCW_DEFAULT_PROJECT_ID: PROJECT,
        SCW_API_URL,
      };
      expect(refusal(() => resolveCredentials(env)).code).toBe("INFRA_001");
    }
  });
});
