// The stack config of the real engine as bytes on disk: `Pulumi.<stack>.yaml` in the project
// directory. Taking and putting back a snapshot is file work only, so `deploy --recover` does it
// without the Pulumi CLI or a login to the state backend; the Automation API engine uses it too.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import type { ConfigRestorer, ConfigSnapshot } from "./engine";

/** The engine kind whose snapshots are the stack file's bytes (automation-engine.ts). */
export const STACK_FILE_ENGINE_KIND = "automation";

export class StackFileConfig implements ConfigRestorer {
  readonly kind = STACK_FILE_ENGINE_KIND;
  readonly file: string;

  constructor(workDir: string, stackName: string) {
    this.file = path.join(workDir, `Pulumi.${stackName}.yaml`);
  }

  /** The file's bytes (formatting and comments included), or null when there is no file. */
  snapshot(): ConfigSnapshot {
    return { engine: this.kind, data: existsSync(this.file) ? readFileSync(this.file, "utf8") : null };
  }

  async restoreConfig(snapshot: ConfigSnapshot): Promise<void> {
    if (typeof snapshot.data === "string") writeFileSync(this.file, snapshot.data);
    else if (snapshot.data === null) rmSync(this.file, { force: true });
    // Anything else is not a stack file's bytes: never delete the file for it.
    else
      throw new InfraError("INFRA_001", `The config snapshot of ${this.file} holds no stack file bytes.`, {
        details: {
          file: this.file,
          fix: "Check the stack file against git (git diff Pulumi.<env>.yaml) and restore it by hand if needed, then remove .scw-infra/snapshots/<env>.json.",
        },
      });
  }
}
