// A real `scw-infra deploy` process for the interrupt tests: the command's own runDeploy, with the
// real process's signals, streams and exit, and an in-memory engine whose config lives in a stack
// file on disk (so a kill -9 leaves it changed, as Pulumi.<stack>.yaml would be). Run with
// `node cli/run-ts.js tests/deploy/support/deploy-child.ts <deploy args...>`; the containers answer
// on CONTAINER_URL (a test server), each `up` takes UP_DURATION_MS, the stack file is STACK_FILE.
import { runDeploy } from "../../../cli/commands/deploy";
import { processIo } from "../../../cli/io";
import { InMemoryEngine } from "../../../cli/deploy/engine/in-memory-engine";

const { CONTAINER_URL, STACK_FILE, UP_DURATION_MS } = process.env;
if (!CONTAINER_URL || !STACK_FILE) {
  process.stderr.write("deploy-child: CONTAINER_URL and STACK_FILE are required\n");
  process.exit(2);
}

runDeploy(process.argv.slice(2), processIo(), {
  projectDir: process.cwd(),
  openEngine: async (stackName) =>
    new InMemoryEngine({
      stackName,
      config: {},
      deployed: true,
      stackFile: STACK_FILE,
      upDurationMs: Number(UP_DURATION_MS ?? 0),
      urlOf: (container) => `${CONTAINER_URL}/${container.name}`,
    }),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`deploy-child: ${String(error)}\n`);
    process.exitCode = 99;
  },
);
