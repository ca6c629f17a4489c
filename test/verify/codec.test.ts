// The state key's parts: bits packed across words, and memory values numbered once and for good.
import { describe, expect, it } from 'vitest';
import { bitsFor, Interned, put, take } from '../../verify/codec';

describe('the state key codec', () => {
  it('packs values across a word boundary and reads them back', () => {
    const words = new Uint32Array(2);
    let pos = put(words, 0, 0, 5, 3);
    pos = put(words, 0, pos, 0x1fffffff, 30);
    put(words, 0, pos, 2, 2);
    expect([take(words, 0, 0, 3), take(words, 0, 3, 30), take(words, 0, 33, 2)]).toEqual([5, 0x1fffffff, 2]);
    expect([bitsFor(1), bitsFor(2), bitsFor(13)]).toEqual([0, 1, 4]);
  });

  it('gives a value the same code however often it is seen, undefined included, before and after others', () => {
    const t = new Interned('claimed', 2);
    expect([t.code(undefined), t.code(undefined), t.code('active'), t.code(undefined), t.code('active')]).toEqual([0, 0, 1, 0, 1]);
    expect([t.value(0), t.value(1)]).toEqual([undefined, 'active']);
    const u = new Interned('recalled (per airlock)', 2);
    expect([u.code(false), u.code(undefined), u.code(true)]).toEqual([0, 1, 2]);
    expect([u.value(1), u.value(2)]).toEqual([undefined, true]);
  });

  it('hands back an object value as a fresh copy', () => {
    const t = new Interned('evidence', 2), v = { door: 'closed' };
    const back = t.value(t.code(v)) as typeof v;
    expect(back).toEqual(v);
    expect(back).not.toBe(v);
  });

  it('stops with the leaf\'s name when it takes more values than its width holds', () => {
    const t = new Interned('heldBack (per airlock)', 1);
    t.code(false); t.code(true);
    expect(() => t.code('maybe')).toThrow('heldBack (per airlock) took more than 2 values');
  });
});
