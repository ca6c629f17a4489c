// The XS side of the Preference store's check: the same puts, power cuts and reads as on Node, answered as JSON.
import { createPreferenceStore, pieces } from '../../firmware/net/preference-store';
import { SimPreference } from '../../sim/preference';

export function exercise(record: string): unknown {
  const flash = new SimPreference(), store = createPreferenceStore(flash);
  store.put('peers', '{"old":[1,2]}');
  const reads: (string | undefined)[] = [];
  // A put writes every piece, then the head: it completes only when the power lasts for all of them.
  for (let cut = 0; cut <= pieces(record).length + 1; cut++) {
    flash.sets = 0;
    flash.failAfter = cut;
    try { store.put('peers', record); } catch { /* the power failed */ }
    reads.push(createPreferenceStore(flash).get('peers'));
  }
  return { pieces: pieces(record), reads, flash: [...flash.flash.entries()].sort() };
}

(globalThis as { exercise?: typeof exercise }).exercise = exercise;
