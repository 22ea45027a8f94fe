// The server without the province coverage (features, scenarios), for process-level tests
// (tests/helpers/serverProcess.ts): configuration from the environment, "listening URL" on stdout.
import { startServer } from '../../server/main';

startServer({}, { coverage: false }).then(
  ({ url }) => process.stdout.write(`listening ${url}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
