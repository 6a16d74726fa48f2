/**
 * `npm run server`: the collaboration server as a process. Prints one line when it is
 * ready, and on SIGINT/SIGTERM closes every socket and flushes the store before exiting.
 */
import { resolve } from 'node:path';
import { COLLAB_USAGE, parseCollabArgs } from './cliOptions';
import { startCollabServer } from './server';

async function main(): Promise<void> {
  const parsed = parseCollabArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(`error: ${parsed.error}\n\n${COLLAB_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    console.log(COLLAB_USAGE);
    return;
  }
  const { port, host, dataDir } = parsed.options;
  const server = await startCollabServer({ port, host, dataDir: resolve(dataDir) });
  const shown = host.includes(':') ? `[${host}]` : host;
  console.log(`collaboration server listening on ws://${shown}:${server.port}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C does not wait for the store.
      console.error(`collaboration server: ${signal} again, exiting without waiting`);
      process.exit(130);
    }
    stopping = true;
    console.log(`collaboration server: ${signal}, saving rooms and closing`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`collaboration server: shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
});
