// The deployment's progress lines on stderr quote what a request, the stack outputs or a probed
// server said: a newline or an escape sequence in it is shown escaped, never printed raw.
import { createProgress } from "../../cli/deploy/progress";
import type { DeploymentLog } from "../../cli/deploy/deployment-log";

describe("deployment progress", () => {
  it("escapes invisible characters on the terminal and keeps them as they are in the log", () => {
    const written: Record<string, unknown>[] = [];
    const log: DeploymentLog = {
      file: "log.jsonl",
      write: (event, data = {}) => written.push({ event, ...data }),
    };
    let stderr = "";
    const progress = createProgress(log, (text) => (stderr += text), "staging-x");
    const reason = 'body does not contain "ok\u009b2J"\n[deploy staging-x] done: completed';
    progress.service("documentation", `smoke FAILED GET /: ${reason}`);
    progress.step("health", "\u001b[2Jall healthy");
    expect(stderr).toBe(
      '[deploy staging-x]   documentation: smoke FAILED GET /: body does not contain "ok\\u009b2J"\\u000a[deploy staging-x] done: completed\n' +
        "[deploy staging-x] health: \\u001b[2Jall healthy\n",
    );
    expect(written[0]).toMatchObject({ service: "documentation", message: `smoke FAILED GET /: ${reason}` });
  });
});
