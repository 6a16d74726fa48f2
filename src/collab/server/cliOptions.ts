import { parseArgs } from 'node:util';

export interface CollabCliOptions {
  port: number;
  host: string;
  dataDir: string;
}

export type ParsedCollabArgs = { ok: true; help: boolean; options: CollabCliOptions } | { ok: false; error: string };

export const COLLAB_USAGE = `usage: npm run server -- [--port 1234] [--host 127.0.0.1] [--data .collab-data]

Runs the collaboration server (y-websocket protocol) for live workshop sessions.
Environment variables COLLAB_PORT, COLLAB_HOST and COLLAB_DATA set the same options;
flags win. The default host only accepts connections from this machine: pass
--host 0.0.0.0 to let others on the network join.`;

/** Reads flags first, then COLLAB_* variables, then defaults. No side effects. */
export function parseCollabArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedCollabArgs {
  let values: { port?: string; host?: string; data?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const portText = values.port ?? env.COLLAB_PORT ?? '1234';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return { ok: false, error: `port must be a number from 0 to 65535, got "${portText}"` };
  const host = values.host ?? env.COLLAB_HOST ?? '127.0.0.1';
  const dataDir = values.data ?? env.COLLAB_DATA ?? '.collab-data';
  if (!host || !dataDir) return { ok: false, error: 'host and data folder must not be empty' };
  return { ok: true, help: values.help === true, options: { port, host, dataDir } };
}
