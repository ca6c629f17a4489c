/// <reference lib="dom" />
// The web bench's page: builds itself from the layout, then follows the server's live snapshots (server-sent events).
import type { Layout, Snapshot } from '../protocol';
import { createAirlockControls } from './airlocks';
import { createAuditLog } from './audit-log';
import { createCharts } from './charts';
import { createDeck, createIndicators } from './deck';
import { byId, query, setText } from './dom';
import { createFaults } from './faults';
import { createMatrices } from './matrices';
import { createNodes } from './nodes';
import { createSchematic } from './schematic';
import { createScrub } from './scrub';
import { createSensorTable } from './sensors';
import { createTimeControls } from './time-controls';

async function start(): Promise<void> {
  const res = await fetch(`/api/layout${query}`);
  if (!res.ok) throw new Error(`the bench refused the layout: ${res.status}`);
  const layout = await res.json() as Layout;
  setText(byId('board'), `board ${layout.board}`);
  const views = [
    createIndicators(byId('indicators')),
    createSchematic(byId('schematic'), layout),
    createAirlockControls(byId('airlock-controls'), layout),
    createSensorTable(byId('sensors')),
    createDeck(byId('deck'), layout),
    createTimeControls(byId('time'), layout),
    createFaults(byId('faults'), layout),
    createNodes(byId('nodes-panel'), layout),
    createMatrices(byId('matrices'), layout.machines),
  ];
  const audit = createAuditLog(byId('audit-panel'));
  const charts = createCharts(byId('charts'));
  let latest: Snapshot | undefined;
  const show = (snap: Snapshot) => { for (const view of views) view(snap); };
  const scrub = createScrub(byId('scrub-panel'), show, charts.endAt, () => latest);
  const connection = byId('connection');
  const events = new EventSource(`/api/events${query}`);
  events.onopen = () => { setText(connection, 'live'); connection.className = 'live'; };
  events.onerror = () => { setText(connection, 'disconnected: retrying'); connection.className = 'lost'; };
  events.onmessage = (e: MessageEvent<string>) => {
    const snap = JSON.parse(e.data) as Snapshot;
    latest = snap;
    document.body.dataset.t = String(snap.t);
    scrub.live(snap.t);
    // While scrubbing, the page shows the moment chosen; the charts and the audit log still take in the present.
    if (scrub.viewing === undefined) show(snap);
    audit(snap.audit);
    charts.audit(snap.audit);
    charts.update(snap);
    document.body.dataset.ready = 'true';
  };
}

start().catch((e: Error) => { setText(byId('connection'), `failed: ${e.message}`); byId('connection').className = 'lost'; });
