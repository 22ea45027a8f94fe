/**
 * One autocannon run in its own process, for bench/load.ts: a probe run beside a heavy one must
 * not share an event loop with it (a client parsing 288 KB answers starves a second client in the
 * same process). Argument: the options as JSON; prints the row as JSON on stdout.
 */
import autocannon from 'autocannon';

const o = JSON.parse(process.argv[2] ?? '{}') as { url: string; paths: string[]; connections: number; seconds: number; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> };
const r = await autocannon({
  url: o.url,
  connections: o.connections,
  duration: o.seconds,
  // Accept-Encoding as browsers send it: the cached gap list goes out gzipped, the rest as is
  requests: o.paths.map((path) => ({ path, method: o.method ?? 'GET', headers: { 'accept-encoding': 'gzip, deflate, br', ...(o.body ? { 'content-type': 'application/json' } : {}), ...o.headers }, ...(o.body ? { body: o.body } : {}) })),
});
process.stdout.write(JSON.stringify({ reqPerS: r.requests.average, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx }));
