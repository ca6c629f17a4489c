// The node's state in Moddable's Preference: records of any length round-trip through the smallest Preference, a
// put cut short by a power failure leaves the old record whole, and a garbled or half-written record reads as lost.
import { describe, expect, it } from 'vitest';
import { createPreferenceStore, pieces, PIECE_BYTES } from '../../firmware/net/preference-store';
import { SimPreference } from '../../sim/preference';

const peers = JSON.stringify({ bridge: [3, 41122], 'airlock-a': [12, 9], 'airlock-b': [1, 0], 'airlock-c': [7, 77777], 'airlock-d': [2, 5], 'bay': [4, 1234567] });
const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('the Preference-backed node state store', () => {
  it('stores a record longer than one Preference value, and reads it back whole', () => {
    const store = createPreferenceStore(new SimPreference());
    store.put('peers', peers);
    expect(pieces(peers).length).toBeGreaterThan(1);
    expect(store.get('peers')).toBe(peers);
  });

  it('reads a record never written as undefined', () => {
    expect(createPreferenceStore(new SimPreference()).get('epoch')).toBeUndefined();
  });

  it('replaces a record whole, shorter or longer', () => {
    const store = createPreferenceStore(new SimPreference());
    store.put('peers', peers);
    store.put('peers', '{}');
    expect(store.get('peers')).toBe('{}');
    store.put('peers', peers + peers);
    expect(store.get('peers')).toBe(peers + peers);
  });

  it('keeps the old record whole when the power fails at any point of a put', () => {
    const longer = peers.replace('41122', '41123');
    for (let cut = 0; cut < pieces(longer).length + 1; cut++) {
      const flash = new SimPreference(), store = createPreferenceStore(flash);
      store.put('peers', peers);
      flash.sets = 0;
      flash.failAfter = cut;
      expect(() => store.put('peers', longer)).toThrow('power lost');
      expect(createPreferenceStore(flash).get('peers')).toBe(peers);
    }
  });

  it('reads a record whose head is garbled, or whose piece is missing, as lost (undefined), never half', () => {
    const flash = new SimPreference(), store = createPreferenceStore(flash);
    store.put('peers', peers);
    flash.flash.set('launchbay/peers', '0,x');
    expect(store.get('peers')).toBeUndefined();
    store.put('peers', peers);
    const [key] = [...flash.flash.keys()].filter((k) => k.startsWith('launchbay/peers.')).sort();
    flash.flash.set(key!, 7);
    expect(store.get('peers')).toBeUndefined();
  });

  it('never cuts a character: pieces of multi-byte UTF-8 each fit the Pico\'s 62 bytes', () => {
    const text = 'épée-€-😀'.repeat(20);
    const parts = pieces(text);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(utf8(p)).toBeLessThanOrEqual(PIECE_BYTES);
    const store = createPreferenceStore(new SimPreference());
    store.put('name', text);
    expect(store.get('name')).toBe(text);
  });

  it('refuses names the ESP32 cannot store, naming the record', () => {
    const store = createPreferenceStore(new SimPreference());
    expect(() => store.put('a-very-long-record', 'x')).toThrow(/record name "a-very-long-record"/);
    expect(() => createPreferenceStore(new SimPreference(), 'domain-of-20-chars!')).toThrow(/domain/);
  });
});
