// What a node makes of its peers' reports: a reading that opens doors must have moved within a second, counting how
// long it had stood still when sent, how late its report arrived, and how long ago.
import { describe, expect, it } from 'vitest';
import { BAY_KPA, BAY_KPA_STILL } from '../../firmware/controller';
import { Replicas } from '../../firmware/net/replicas';

const report = (facts: { [name: string]: number }) => ({ machines: { 'bay environment': { state: 'friendly' } }, facts, heard: {} });

/** A receiver whose clock is `clock.now`, and a sender whose clock reads `skew` ms more. */
function receiver(skew = 0) {
  const clock = { now: 0 };
  const replicas = new Replicas(() => clock.now, 3000);
  const send = (facts: { [name: string]: number }, delayMs = 0) => {
    const sentAt = clock.now + skew;
    clock.now += delayMs;
    replicas.take('bay', report(facts), sentAt);
  };
  const moving = () => replicas.factMoving(BAY_KPA, BAY_KPA_STILL, 1000);
  return { clock, replicas, send, moving };
}

describe('a peer\'s reading, for a door\'s start', () => {
  it('counts while the time it stood still and the report\'s age come to a second or less', () => {
    const { clock, replicas, send, moving } = receiver();
    send({});
    clock.now = 10_000;
    send({ [BAY_KPA]: 98.5, [BAY_KPA_STILL]: 300 });
    expect(moving()).toBe(98.5);
    clock.now += 700;
    expect(moving()).toBe(98.5);
    clock.now += 1;
    expect(moving()).toBeNaN();
    // The plain reading stands while the report is fresh: a door already on its way is judged on it.
    expect(replicas.fact(BAY_KPA)).toBe(98.5);
  });

  it('counts how much later than its sender\'s quickest a report arrived: one held back on the bus is that much older', () => {
    const { clock, send, moving } = receiver(-123_456); // the clocks are not shared
    clock.now = 50_000;
    send({}, 5);
    send({ [BAY_KPA]: 100, [BAY_KPA_STILL]: 0 }, 5);
    clock.now += 1000;
    // Held back 600 ms: with 300 ms standing still, already 900 ms old on arrival.
    send({ [BAY_KPA]: 97, [BAY_KPA_STILL]: 300 }, 605);
    expect(moving()).toBe(97);
    clock.now += 101;
    expect(moving()).toBeNaN();
    // The next one, on time again, counts as fresh as it is.
    clock.now += 300;
    send({ [BAY_KPA]: 96, [BAY_KPA_STILL]: 300 }, 5);
    clock.now += 700;
    expect(moving()).toBe(96);
  });

  it('lets the quickest transit rise slowly, so clocks that drift apart do not make every report late', () => {
    const { clock, replicas, moving } = receiver();
    // The sender's clock runs 20 ms a minute slow against ours (333 ppm, worse than any crystal): over an hour the
    // offset grows by 1.2 s, yet the last report, on time, still counts as on time.
    for (let s = 0; s <= 3600; s++) {
      clock.now = s * 1000 + 5;
      replicas.take('bay', report({ [BAY_KPA]: 99, [BAY_KPA_STILL]: 0 }), s * 1000 - s / 3);
    }
    expect(moving()).toBe(99);
    clock.now += 990;
    expect(moving()).toBe(99);
  });

  it('starts again from a report later than a report stays fresh (a clock stepped back), refusing that one alone', () => {
    const { clock, replicas, moving } = receiver();
    const take = (sentAt: number) => { clock.now += 1000; replicas.take('bay', report({ [BAY_KPA]: 99, [BAY_KPA_STILL]: 0 }), sentAt); };
    take(1000); take(2000);
    expect(moving()).toBe(99);
    // The sender's clock steps back by an hour: every report would look an hour late.
    take(3000 - 3_600_000);
    expect(moving()).toBeNaN();
    take(4000 - 3_600_000);
    expect(moving()).toBe(99);
  });

  it('is unknown when the report does not say how long it stood still, or says something impossible', () => {
    const { send, moving } = receiver();
    send({});
    send({ [BAY_KPA]: 98.5 });
    expect(moving()).toBeNaN();
    send({ [BAY_KPA]: 98.5, [BAY_KPA_STILL]: -5000 });
    expect(moving()).toBeNaN();
  });

  it('is unknown once the report is stale, when the sender\'s latest report carries none, or once the sender restarted', () => {
    const { clock, replicas, send } = receiver();
    const moving = () => replicas.factMoving(BAY_KPA, BAY_KPA_STILL, 10_000);
    send({});
    send({ [BAY_KPA]: 98.5, [BAY_KPA_STILL]: 0 });
    clock.now += 3001;
    expect(moving()).toBeNaN();
    send({});
    expect(moving()).toBeNaN();
    expect(replicas.fact(BAY_KPA)).toBeNaN();
    send({ [BAY_KPA]: 98.5, [BAY_KPA_STILL]: 0 });
    expect(moving()).toBe(98.5);
    replicas.forget('bay');
    expect(moving()).toBeNaN();
    expect(replicas.fact(BAY_KPA)).toBeNaN();
  });
});
