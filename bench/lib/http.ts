// node:http requests with an explicit Host header (fetch drops it; tenants are chosen by Host).
import http from 'node:http';

export type HttpResult = { status: number; body: string };

export function httpRequest(
  url: string,
  host: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method ?? 'GET', headers: { host, ...(opts.body ? { 'content-type': 'application/json' } : {}), ...opts.headers }, timeout: opts.timeoutMs ?? 10_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const httpGet = (url: string, host: string, headers: Record<string, string> = {}) => httpRequest(url, host, { headers });

export const httpPostJson = (url: string, host: string, body: unknown) => httpRequest(url, host, { method: 'POST', body: JSON.stringify(body) });
