// Console lines from the image: report lines become trace records; anything else (XS messages, garbage) does not.
import { describe, expect, it } from 'vitest';
import { reportOf } from '../../emulators/rp2040/usb-console';

describe('report lines on the USB console', () => {
  it('decodes a report line into the record a host run makes', () => {
    const line = '{"t":6671,"kind":"transition","machine":"battle deck","from":"ready","to":"activating","event":"active requested","goal":"active"}';
    expect(reportOf(line)).toEqual({ t: 6671, kind: 'transition', machine: 'battle deck', from: 'ready', to: 'activating', event: 'active requested', goal: 'active' });
  });

  it('keeps only the fields a report has', () => {
    expect(reportOf('{"t":1,"kind":"fault","machine":"bay door","detail":"x","extra":5,"goal":7}')).toEqual({ t: 1, kind: 'fault', machine: 'bay door', detail: 'x' });
  });

  it('ignores lines that are not reports: text, broken JSON, unknown kinds, missing times', () => {
    for (const line of ['hello from pico', '{"t":1,"kind":"transition"', '{"t":1,"kind":"party","machine":"x"}', '{"kind":"veto","machine":"x"}', 'null', '{}']) {
      expect(reportOf(line), line).toBeUndefined();
    }
  });
});
