// One moment of the bench as the page shows it: physics, machines, the deck's requirements, indicators.
import { stateText } from '../../firmware/core';
import { airlockLetters } from '../../firmware/board/signals';
import { deckRequirements } from '../../firmware/machines';
import { atClosedLimit, atOpenLimit, type Door } from '../../sim/physics';
import { sensorTruths } from '../../sim/sensors';
import type { SimWorld } from '../../sim/world';
import type { AuditFeed } from './audit-feed';
import { clusterOf } from './layout';
import type { DoorView, MachineView, Moment, Requirement, Snapshot } from './protocol';

export interface TimeState { speed: number; paused: boolean }

/** A door in words: `open`, `closed`, or `40% opening`; a jam is said, not only drawn. */
function doorLabel(d: Door): string {
  const where = atOpenLimit(d) ? 'open' : atClosedLimit(d) ? 'closed' : `${Math.round(d.position * 100)}% ${d.motor === 1 ? 'opening' : d.motor === -1 ? 'closing' : 'stopped'}`;
  return d.jammed ? `${where}, JAMMED` : where;
}

const doorView = (d: Door): DoorView => ({ position: d.position, motor: d.motor, jammed: d.jammed, label: doorLabel(d) });

function requirementsOf(goal: string | undefined, state: (id: string) => string | undefined): Requirement[] {
  const req = goal ? deckRequirements[goal as keyof typeof deckRequirements] : undefined;
  if (!req) return [];
  const row = (part: string, id: string, wanted: string): Requirement => {
    const now = state(id) ?? 'unknown';
    return { part, wanted, now, met: now === wanted };
  };
  return [row('door E', 'bay door', req.bayDoor), row('bay environment', 'bay environment', req.bayEnvironment)];
}

/** `sensors`: the sensors the page shows (the layout's), each read beside the physics. */
export function snapshotOf(world: SimWorld, time: TimeState, audit: AuditFeed, sensors: { signal: string; unit: string }[] = []): Moment {
  const { model } = world;
  const controller = world.powered ? world.controller : undefined;
  const memory = controller?.snapshot().memory;
  const machines: { [id: string]: MachineView } = {};
  for (const [id, m] of Object.entries(controller?.machines ?? {})) {
    if (m) machines[id] = { state: stateText(m.state), goal: m.goal, last: audit.lastCell[id] };
  }
  const airlocks: Snapshot['airlocks'] = {};
  for (const l of model.letters) {
    const a = model.airlocks[l];
    airlocks[l] = {
      chamberKpa: a.chamberKpa, pumpOn: a.pumpOn, ventOn: a.ventOn, pumpDead: a.pumpDead,
      outer: doorView(a.outer), inner: doorView(a.inner),
      buttons: [1, 2, 3, 4].map((n) => model.buttons[`airlock ${l} button ${n}`] === true),
      recalled: memory?.recalled[l] ?? false, heldBack: memory?.heldBack[l] ?? false,
    };
  }
  const sensorFaults: Snapshot['sensorFaults'] = {};
  for (const [signal, f] of Object.entries(model.sensorFaults)) {
    if (f) sensorFaults[signal] = f.kind === 'stuck' ? `stuck at ${f.value}` : 'out of range';
  }
  const deck = machines['battle deck'];
  const cluster = clusterOf(world);
  const nodes = cluster ? Object.entries(cluster.nodes).map(([id, n]) => ({
    id, up: n !== undefined, cut: cluster.bus.cut.has(id), epoch: cluster.epochs[id] ?? 0,
    accepted: n?.link.accepted ?? 0, rejected: n ? Object.values(n.link.rejected).reduce((a, b) => a + b, 0) : 0,
    sees: n ? Object.fromEntries(n.replicas.machines().map((m) => [m, n.replicas.state(m) ?? null])) : {},
  })) : [];
  return {
    nodes,
    t: world.clock.now(), speed: time.speed, paused: time.paused, powered: world.powered,
    bay: { ...model.bay }, bayDoor: doorView(model.bayDoor), airlocks,
    outputs: { beeper: model.outputs['beeper'], klaxon: model.outputs['klaxon'], warningLights: model.outputs['warning lights'] },
    sensorFaults, machines, sensors: sensorTruths(model, cluster ? Object.values(cluster.nodes).flatMap((n) => (n ? [n.controller] : [])) : controller ? [controller] : [], sensors),
    deck: deck && { state: deck.state, goal: deck.goal, requirements: requirementsOf(deck.goal, (id) => machines[id]?.state) },
  };
}
