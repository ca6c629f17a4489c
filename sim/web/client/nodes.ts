/// <reference lib="dom" />
// MULTI-NODE: each node of a cluster, its links and the freshness of its evidence. On one board there are none,
// and the panel stays hidden; the layout's `nodes` and `links` and a snapshot field for them fill it later.
import type { Layout, Snapshot } from '../protocol';
import { h } from './dom';

export function createNodes(root: HTMLElement, layout: Layout): (snap: Snapshot) => void {
  if (layout.nodes.length === 0) return () => {};
  root.hidden = false;
  root.append(h('ul', { id: 'nodes' }, ...layout.nodes.map((n) => h('li', { id: `node-${n.id}` }, n.label))));
  return () => {};
}
