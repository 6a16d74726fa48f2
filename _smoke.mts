import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
const dir = '/tmp/collab-smoke';
function start() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/collab/server/main.ts', '--port', '0', '--data', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise<{ child: typeof child; port: number }>((resolve) => {
    let out = '';
    child.stdout.on('data', (c) => { out += c; process.stdout.write('[server] ' + c); const m = /:(\d+)\n/.exec(out); if (m) resolve({ child, port: +m[1]! }); });
  });
}
function client(port: number) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, 'smoke-room', doc, { WebSocketPolyfill: WebSocket as any, disableBc: true });
  return { doc, provider, synced: new Promise<void>((r) => provider.once('sync', () => r())) };
}
let s = await start();
const a = client(s.port); await a.synced;
for (let i = 0; i < 1000; i++) a.doc.getMap('m').set('k' + (i % 50), i);
console.log('health', await (await fetch(`http://127.0.0.1:${s.port}/health`)).json().then((j: any) => j.rooms));
// kill the server while the client is still connected
await new Promise((r) => setTimeout(r, 200));
s.child.kill('SIGTERM');
await new Promise((r) => s.child.once('exit', (code) => { console.log('exit code', code); r(null); }));
a.provider.destroy();
s = await start();
const b = client(s.port); await b.synced;
console.log('restored', b.doc.getMap('m').get('k49'), b.doc.getMap('m').size);
b.provider.destroy();
s.child.kill('SIGINT');
await new Promise((r) => s.child.once('exit', r));
