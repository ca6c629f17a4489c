// What a node makes of its peers' reports: a reading that opens doors must have moved within a second, counting how
// long it had stood still when sent and how long ago the report arrived.
import { describe, expect, it } from 'vitest';
import { BAY_KPA, BAY_KPA_STILL } from '../../firmware/controller';
import { Replicas } from '../../firmware/net/replicas';

const report = (facts: { [name: string]: number }) => ({ machines: { 'bay environment': { state: 'friendly' } }, facts, heard: {} });

describe('a peer\'s reading, for a door\'s start', () => {
  let now = 0;
  const replicas = new Replicas(() => now, 3000);

  it('counts while the time it stood still and the report\'s age come to a second or less', () => {
    now = 10_000;
    replicas.take('bay', report({ [BAY_KPA]: 98.5, [BAY_KPA_STILL]: 300 }));
    expect(replicas.factMoving(BAY_KPA, BAY_KPA_STILL, 1000)).toBe(98.5);
    now += 700;
    expect(replicas.factMoving(BAY_KPA, BAY_KPA_STILL, 1000)).toBe(98.5);
    now += 1;
    expect(replicas.factMoving(BAY_KPA, BAY_KPA_STILL, 1000)).toBeNaN();
    // The plain reading stands while the report is fresh: a door already on its way is judged on it.
    expect(replicas.fact(BAY_KPA)).toBe(98.5);
  });

  it('is unknown when the report does not say how long it stood still, or says something impossible', () => {
    now = 20_000;
    replicas.take('bay', report({ [BAY_KPA]: 98.5 }));
    expect(replicas.factMoving(BAY_KPA, BAY_KPA_STILL, 1000)).toBeNaN();
    replicas.take('bay', report({ [BAY_KPA]: 98.5, [BAY_KPA_STILL]: -5000 }));
    expect(replicas.factMoving(BAY_KPA, BAY_KPA_STILL, 1000)).toBeNaN();
  });

  it('is unknown once the report is stale, or when the latest report carries no reading', () => {
    now = 30_000;
    replicas.take('bay', report({ [BAY_KPA]: 98.5, [BAY_KPA_STILL]: 0 }));
    now += 3001;
    expect(replicas.factMoving(BAY_KPA, BAY_KPA_STILL, 10_000)).toBeNaN();
    replicas.take('bay', report({}));
    expect(replicas.factMoving(BAY_KPA, BAY_KPA_STILL, 10_000)).toBeNaN();
  });
});
