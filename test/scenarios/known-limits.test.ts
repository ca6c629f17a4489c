// Known limits, left as todo (never as tests that expect them). Each scenario in test/scenarios/known-limits/ fails
// today (`npm run scenario -- test/scenarios/known-limits/<file>`); docs/COORDINATION.md, "Known limits", says why.
import { describe, it } from 'vitest';

describe('known limits (todo)', () => {
  it.todo('remote-airlock-bay-sensor-freezes.json: on a cluster, an airlock node opens its outer door on a bay reading frozen up to a heartbeat older than the bay node\'s one-second rule allows (invariant 7); the reports should carry how long the reading has stood still');
});
