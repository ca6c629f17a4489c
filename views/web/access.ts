// Who may use the bench: loopback by default (and only under its own host name), elsewhere only with the token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

const isLoopback = (host: string) => LOOPBACK.includes(host);

/** Fails fast on a listening address the bench may not use: anything but loopback needs a token. */
export function checkListen(host: string, token: string | undefined): void {
  if (!isLoopback(host) && !token) throw new Error(`listening on ${host} requires --token <secret>: every request must then present it`);
  if (token !== undefined && token.length < 8) throw new Error('--token must be at least 8 characters');
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The token a request presents: `?token=`, `X-Bench-Token`, or `Authorization: Bearer`. */
function presented(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-bench-token'];
  if (typeof header === 'string') return header;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  return url.searchParams.get('token') ?? undefined;
}

/**
 * Why a request is refused, or undefined when it may go ahead. Without a token, only loopback host names are
 * accepted in `Host` (a page elsewhere cannot reach the bench by rebinding a name to 127.0.0.1); an input must be
 * JSON (which a cross-site form cannot send without asking first) from this origin.
 */
export function refusal(req: IncomingMessage, url: URL, token: string | undefined): { status: number; why: string } | undefined {
  const host = req.headers.host ?? '';
  if (token !== undefined) {
    const given = presented(req, url);
    if (given === undefined || !timingSafeEqual(digest(given), digest(token))) return { status: 401, why: 'this bench needs its token (?token=… or X-Bench-Token)' };
  } else {
    const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.split(':')[0];
    if (!isLoopback(name)) return { status: 403, why: `host ${JSON.stringify(host)} is not this bench` };
  }
  if (req.method === 'POST') {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return { status: 415, why: 'inputs are JSON (Content-Type: application/json)' };
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) return { status: 403, why: `origin ${origin} may not drive this bench` };
  }
  return undefined;
}
