/**
 * The Host header (RFC 9110 §7.2, RFC 3986 §3.2.2): read as an authority — a host (a DNS-style
 * name, an IPv4 address, or an IPv6 address in brackets) and an optional port of digits, nothing
 * else — before any allow-list looks at it, and the links of the answers built from that parsed
 * value only. A value that is not such an authority (`127.0.0.1:8095@evil.example`,
 * `[::1]evil.example`, `localhost:`) is a 400 whatever the configuration (RFC 9112 §3.2: "a Host
 * header field with an invalid field value" is a 400).
 */
import { isIPv6 } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { badRequest } from './errors';

/** A parsed Host: `host` lower case (IPv6 without brackets), `port` digits or null, `text` host[:port] as links write it. */
export interface Authority {
  host: string;
  port: string | null;
  text: string;
}

/** A DNS-style name (letters, digits, hyphens, underscores, dots; an optional final dot) or an IPv4 address. */
const NAME = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;
const PORT = /^[0-9]{1,5}$/;

/**
 * The authority of a Host header value, or null when it is not one.
 *
 * @example
 * parseAuthority('Maps.Example.org:8080') // { host: 'maps.example.org', port: '8080', text: 'maps.example.org:8080' }
 * parseAuthority('127.0.0.1:8095@evil.example') // null
 */
export function parseAuthority(value: string): Authority | null {
  const v = value.toLowerCase();
  if (v.length === 0 || v.length > 300) return null;
  let host: string;
  let rest: string;
  if (v.startsWith('[')) {
    const close = v.indexOf(']');
    if (close < 0) return null;
    host = v.slice(1, close);
    if (!isIPv6(host)) return null;
    rest = v.slice(close + 1);
  } else {
    const colon = v.indexOf(':');
    host = colon < 0 ? v : v.slice(0, colon);
    rest = colon < 0 ? '' : v.slice(colon);
    if (host.length > 253 || !NAME.test(host)) return null;
  }
  let port: string | null = null;
  if (rest !== '') {
    if (!rest.startsWith(':') || !PORT.test(rest.slice(1)) || Number(rest.slice(1)) > 65535) return null;
    port = rest.slice(1);
  }
  const shown = host.includes(':') ? `[${host}]` : host;
  return { host, port, text: port === null ? shown : `${shown}:${port}` };
}

/**
 * Host's verdict: 'ok', 'malformed' (not an authority) or 'foreign' (a host not in `allowedHosts`;
 * `['*']` allows any). No header (HTTP/1.0; Node refuses an HTTP/1.1 request without one): ok.
 *
 * @example
 * const check = hostCheck(['localhost', '127.0.0.1']);
 * check('localhost:8080') // 'ok'
 */
export function hostCheck(allowedHosts: readonly string[]): (header: string | undefined) => 'ok' | 'malformed' | 'foreign' {
  const any = allowedHosts.includes('*');
  return (header) => {
    if (header === undefined) return 'ok';
    const a = parseAuthority(header);
    if (!a) return 'malformed';
    return any || allowedHosts.includes(a.host) ? 'ok' : 'foreign';
  };
}

/** hostCheck as a yes/no (the fast lane's test: anything else is Express's to refuse). */
export function hostAllowed(allowedHosts: readonly string[]): (header: string | undefined) => boolean {
  const check = hostCheck(allowedHosts);
  return (header) => check(header) === 'ok';
}

/**
 * 400 for a Host that is not an authority; without PUBLIC_URL also for a host name not configured
 * (the links in answers are then built from the Host, so a forged `Host: evil.example` cannot
 * write links to another site into answers or caches). `allowedHosts` null: any well-formed host
 * (PUBLIC_URL set).
 *
 * @example
 * app.use(hostGuard(config.publicUrl === null ? config.allowedHosts : null));
 */
export function hostGuard(allowedHosts: readonly string[] | null): RequestHandler {
  const check = hostCheck(allowedHosts ?? ['*']);
  return (req, _res, next) => {
    const header = req.headers.host;
    const verdict = check(header);
    if (verdict === 'ok') {
      next();
      return;
    }
    const shown = JSON.stringify(String(header).slice(0, 100));
    next(badRequest(verdict === 'malformed'
      ? `Host: ${shown} is not a host name or address with an optional port (RFC 9110 §7.2); send the server's name, e.g. Host: localhost:8080`
      : `Host: ${shown} is not a host name this server answers to; add it to ALLOWED_HOSTS, or set PUBLIC_URL`));
  };
}

/**
 * The request's Host as links write it (parsed, lower case), or `fallback` when it has none.
 *
 * @example
 * `${req.protocol}://${requestHost(req)}`
 */
export function requestHost(req: Pick<Request, 'headers'>, fallback = 'localhost'): string {
  const h = req.headers.host;
  return (h === undefined ? null : parseAuthority(h)?.text) ?? fallback;
}
