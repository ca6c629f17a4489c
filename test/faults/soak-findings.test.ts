// What the soak found and is not fixed yet: each stays a `todo` naming the campaign, replayable from its file, until
// its fix lands (then the todo becomes a test that the campaign keeps every invariant).
import { describe, it } from 'vitest';

describe('soak findings still open', () => {
  // test/faults/soak-967-breach-at-boot.json (npm run soak -- --runs 2000 --seed 20261206, run 967, cluster): the bay's
  // node reboots while a 5 kPa/s breach is under way, and the breach is sealed 0.7 s after the node boots. The node's
  // pressure watch has no history from before its boot, sees the first fast fall it can judge, and then no further
  // fall (the breach was sealed): it condemns a healthy sensor (invariant 8, judged by the monitor).
  it.todo('a breach the bay node sees only from its boot, and that is sealed within a second, is not taken for a sensor fault');
});
