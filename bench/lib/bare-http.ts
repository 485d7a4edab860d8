// The HTTP shell of the benches' bare node:http servers (bare-server.ts, deals-bare-server.ts):
// JSON replies without Next.js, keep-alive like `next start`, listening on BARE_PORT, and a clean
// stop (pools closed) on SIGINT/SIGTERM.
import http from 'node:http';
import { closePools } from '../../src/server/db/pool';

export type Reply = { status: number; body: unknown; cookies?: string[] };

export function serveBare(name: string, handle: (req: http.IncomingMessage) => Promise<Reply>): void {
  const server = http.createServer((req, res) => {
    handle(req).then(
      (r) => {
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'cache-control': 'no-store' };
        if (r.cookies?.length) headers['set-cookie'] = r.cookies;
        res.writeHead(r.status, headers).end(JSON.stringify(r.body));
      },
      (e: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
      },
    );
  });
  server.keepAliveTimeout = 65_000;

  const port = Number(process.env.BARE_PORT);
  server.listen(port, '127.0.0.1', () => console.log(`${name} listening on 127.0.0.1:${port}`));

  const stop = async () => {
    server.close();
    server.closeAllConnections();
    await closePools().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
