/// <reference lib="dom" />
// Each node of a cluster: up or down, on the bus or cut off, its epoch and message counts, and what it sees of
// the machines on the other nodes (a stale replica shows as unknown). On one board there are none, and it hides.
import type { Layout, NodeView, Snapshot } from '../protocol';
import { h } from './dom';

function describe(n: NodeView): string {
  if (!n.up) return 'powered off';
  const seen = Object.entries(n.sees).map(([m, s]) => `${m}: ${s ?? 'unknown (stale)'}`).join('; ');
  return `${n.cut ? 'CUT OFF the bus' : 'on the bus'} · epoch ${n.epoch} · ${n.accepted} accepted, ${n.rejected} rejected · sees ${seen || 'nothing yet'}`;
}

export function createNodes(root: HTMLElement, layout: Layout): (snap: Snapshot) => void {
  if (layout.nodes.length === 0) return () => {};
  root.hidden = false;
  const rows = new Map<string, HTMLElement>();
  root.append(h('ul', { id: 'nodes' }, ...layout.nodes.map((n) => {
    const detail = h('span', { class: 'node-detail' });
    rows.set(n.id, detail);
    return h('li', { id: `node-${n.id}` }, h('strong', {}, n.label), ' ', detail);
  })));
  return (snap) => {
    for (const n of snap.nodes) {
      const row = rows.get(n.id);
      if (row) { row.textContent = describe(n); row.className = `node-detail${n.cut || !n.up ? ' node-off' : ''}`; }
    }
  };
}
