/// <reference lib="dom" />
// Sensor truth beside physics: for every sensor, what physics holds, what the sensor gives and what the controller
// reads, each row marked where they differ (a stuck sensor, one the controller holds unknown).
import type { SensorTruth, Snapshot } from '../protocol';
import { h, idOf, setText } from './dom';

const value = (v: number | null | undefined, unit: string, none: string) => (v === undefined ? 'not reported' : v === null ? none : `${v.toFixed(1)} ${unit}`);

/** The sensor in words: `sensor 50.0 kPa · controller unknown · DIFFERS from physics 101.3 kPa`. */
export function sensorLine(s: SensorTruth): string {
  const parts = [`sensor ${value(s.gives, s.unit, 'out of range')}`, `controller ${value(s.reads, s.unit, 'unknown')}`];
  return `${parts.join(' · ')} · ${s.differs ? '≠ DIFFERS from' : '= agrees with'} physics ${s.physical.toFixed(1)} ${s.unit}`;
}

export function createSensorTable(root: HTMLElement): (snap: Snapshot) => void {
  const body = h('tbody', {});
  root.append(h('h3', {}, 'Sensors: what the controller reads beside what physics holds'),
    h('table', { id: 'sensor-truth', class: 'sensor-truth' },
      h('thead', {}, h('tr', {}, ...['sensor', 'physics', 'sensor gives', 'controller reads', ''].map((c) => h('th', { scope: 'col' }, c)))), body));
  const rows = new Map<string, HTMLTableCellElement[]>();
  return (snap) => {
    for (const s of snap.sensors) {
      let cells = rows.get(s.signal);
      if (!cells) {
        cells = [0, 1, 2, 3, 4].map(() => h('td', {}));
        body.append(h('tr', { id: `sensor-${idOf(s.signal)}` }, ...cells));
        rows.set(s.signal, cells);
      }
      const texts = [s.signal, `${s.physical.toFixed(1)} ${s.unit}`, value(s.gives, s.unit, 'out of range'), value(s.reads, s.unit, 'unknown'), s.differs ? '≠ differs' : '='];
      texts.forEach((t, i) => setText(cells![i], t));
      cells[0].parentElement!.classList.toggle('differs', s.differs);
    }
  };
}
