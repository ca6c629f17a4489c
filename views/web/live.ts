// The live feed: server-sent events carrying each page what changed (the moment, and audit entries it has not had).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimWorld } from '../../sim/world';
import type { AuditFeed } from './audit-feed';
import { layoutOf } from './layout';
import { snapshotOf, type TimeState } from './snapshot';
import type { Moment } from './protocol';
import type { SampleHistory } from '../../sim/samples';

interface Viewer { res: ServerResponse; seq: number; base: string }

export interface LiveFeed {
  /** Starts streaming to a page (GET /api/events). */
  watch(req: IncomingMessage, res: ServerResponse, headers: { [name: string]: string }): void;
  /** Sends every page what changed since its last message; drains the invariant monitor into the audit log. */
  publish(): void;
  /** The whole moment, with every kept audit entry (GET /api/snapshot). */
  whole(): string;
  /** The moment as the page shows it, without audit entries or samples (the scrubbable history keeps these). */
  moment(): Moment;
  close(): void;
}

export function createLiveFeed(world: SimWorld, time: TimeState, audit: AuditFeed, history?: SampleHistory): LiveFeed {
  const viewers = new Set<Viewer>();
  const sensors = layoutOf(world).sensors.map((s) => ({ signal: s.id, unit: s.unit }));
  // Samples go out once, in the first message after they were taken; a new page fetches the history first.
  let sentUpTo = -Infinity;
  const fresh = () => (history ? history.samples.filter((x) => x.t > sentUpTo) : []);
  // A moment that has not changed is not sent again; new audit entries always are.
  const send = (v: Viewer, base: string) => {
    const fresh = audit.since(v.seq);
    if (base === v.base && fresh.length === 0) return;
    v.base = base;
    if (fresh.length > 0) v.seq = fresh[fresh.length - 1].seq;
    v.res.write(`id: ${v.seq}\ndata: {"audit":${JSON.stringify(fresh)},${base.slice(1)}\n\n`);
  };
  const moment = (samples = fresh()) => JSON.stringify({ ...snapshotOf(world, time, audit, sensors), samples });
  return {
    watch(req, res, headers) {
      res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'keep-alive', ...headers });
      res.write('retry: 1000\n\n');
      // A page that reconnects says what it has had; it is sent the rest of the kept log.
      const viewer: Viewer = { res, seq: Number(req.headers['last-event-id'] ?? 0) || 0, base: '' };
      viewers.add(viewer);
      req.on('close', () => viewers.delete(viewer));
      send(viewer, moment());
    },
    publish() {
      for (const v of world.invariants.violations.splice(0)) audit.violation(v);
      if (viewers.size === 0) return;
      const samples = fresh();
      const base = moment(samples);
      if (samples.length) sentUpTo = samples[samples.length - 1].t;
      for (const v of viewers) send(v, base);
    },
    whole: () => `{"audit":${JSON.stringify(audit.since(0))},${moment().slice(1)}`,
    moment: () => snapshotOf(world, time, audit, sensors),
    close() {
      for (const v of viewers) v.res.end();
      viewers.clear();
    },
  };
}
