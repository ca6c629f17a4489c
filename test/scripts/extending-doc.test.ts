// docs/EXTENDING.md says where a fifth airlock stops being followed: a test fails when a limit moves and the doc does not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shipAirlocks } from '../../firmware/board/signals';
import { Model } from '../../verify/model';
import { clusterBoards } from '../../sim/scenario/format';

const doc = readFileSync('docs/EXTENDING.md', 'utf8');

describe('docs/EXTENDING.md on a fifth airlock', () => {
  it('says verify checks at most four airlocks, as its model does', () => {
    expect(doc).toContain('`npm run verify` checks a model of at most four airlocks (`--airlocks 0-4`');
    expect(() => new Model({ airlocks: 4 })).not.toThrow();
    expect(() => new Model({ airlocks: 5 })).toThrow(/airlocks must be 0 to 4/);
  });

  it('says --cluster runs the ship\'s six nodes, as clusterBoards does', () => {
    expect(doc).toContain('run the ship\'s six nodes (`clusterBoards`');
    expect(clusterBoards).toHaveLength(2 + shipAirlocks.length);
    expect(clusterBoards).toEqual(['sim-bridge', 'sim-bay', 'sim-airlock-a', 'sim-airlock-b', 'sim-airlock-c', 'sim-airlock-d']);
  });

  it('tells how to soak and to list the keys of a board with airlock F', () => {
    expect(doc).toContain('`npm run soak -- --board my-ship`');
    expect(doc).toContain('`npm start -- --board my-ship --help`');
  });
});
