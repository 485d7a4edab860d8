// Time to first byte under load: `concurrency` keep-alive clients each send requests back to back
// for `seconds`; per request, the time from writing it to the response headers arriving (TTFB: a
// streamed page sends its headers with the first flushed bytes) and to its last byte.
import http from 'node:http';

export type TtfbSpec = { url: string; host: string; headers?: Record<string, string>; concurrency: number; seconds: number };
export type TtfbResult = { requests: number; rps: number; ttfbP50: number; ttfbP99: number; fullP50: number; fullP99: number; non2xx: number; errors: number; bytes: number };

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

function once(agent: http.Agent, spec: TtfbSpec): Promise<{ ttfb: number; full: number; status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = http.get(spec.url, { agent, headers: { host: spec.host, ...spec.headers }, timeout: 10_000 }, (res) => {
      const ttfb = Number(process.hrtime.bigint() - start) / 1e6;
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ ttfb, full: Number(process.hrtime.bigint() - start) / 1e6, status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export async function measureTtfb(spec: TtfbSpec): Promise<TtfbResult> {
  if (new URL(spec.url).hostname !== '127.0.0.1') throw new Error('load is only ever sent to 127.0.0.1');
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const ttfbs: number[] = [];
  const fulls: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let bytes = 0;
  const started = Date.now();
  const deadline = started + spec.seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      try {
        const r = await once(agent, spec);
        if (r.status < 200 || r.status >= 300) non2xx++;
        ttfbs.push(r.ttfb);
        fulls.push(r.full);
        bytes = r.bytes;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  ttfbs.sort((a, b) => a - b);
  fulls.sort((a, b) => a - b);
  return {
    requests: ttfbs.length,
    rps: (ttfbs.length - non2xx) / elapsed,
    ttfbP50: quantile(ttfbs, 0.5),
    ttfbP99: quantile(ttfbs, 0.99),
    fullP50: quantile(fulls, 0.5),
    fullP99: quantile(fulls, 0.99),
    non2xx,
    errors,
    bytes,
  };
}
