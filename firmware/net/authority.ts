// Who may say what on the bus: a node reports only the machines the deployment says it hosts (and only their
// facts), and commands only what its own machines drive elsewhere. A compromised node can therefore move
// nothing but its own machines.
import { airlockLetters } from '../board/signals';
import { BAY_KPA, BAY_KPA_STILL } from '../controller/interlock';
import type { CommandBody, Envelope, ReportBody } from './envelope';

/** Which machine's readings each fact is: only that machine's host may report it. */
const FACT_OWNERS = new Map<string, string>([[BAY_KPA, 'bay environment'], [BAY_KPA_STILL, 'bay environment']]);

/** The commands that cross nodes, and the machine whose host alone may send each (firmware/coordination). */
const COMMANDS: { machine: string; events: string[]; by: string }[] = [
  { machine: 'bay door', events: ['open requested', 'close requested'], by: 'battle deck' },
  { machine: 'bay door', events: ['close requested'], by: 'bay environment' },
  { machine: 'bay environment', events: ['hostile requested', 'friendly requested'], by: 'battle deck' },
  { machine: 'battle deck', events: ['ready requested'], by: 'bay environment' },
];
const RECALLED_BY = 'battle deck';

/** The authorization check for a node, given the deployment's directory (machine → hosting node). */
export function authority(directory: Map<string, string>): (e: Envelope) => string | undefined {
  const hosts = (node: string, machine: string) => directory.get(machine) === node;
  return (e) => {
    if (e.kind === 'report') {
      const body = e.body as ReportBody;
      for (const id of Object.keys(body.machines)) if (!hosts(e.from, id)) return `reports ${JSON.stringify(id)}, which it does not host`;
      for (const fact of Object.keys(body.facts)) {
        const owner = FACT_OWNERS.get(fact);
        if (owner === undefined || !hosts(e.from, owner)) return `reports the fact ${JSON.stringify(fact)}, which is not its own`;
      }
      return undefined;
    }
    const body = e.body as CommandBody;
    if ('recall' in body) {
      if (!(airlockLetters as readonly string[]).includes(body.recall)) return `recalls an unknown airlock ${JSON.stringify(body.recall)}`;
      return hosts(e.from, RECALLED_BY) ? undefined : `recalls airlock ${body.recall} without hosting the ${RECALLED_BY}`;
    }
    const allowed = COMMANDS.some((c) => c.machine === body.machine && c.events.includes(body.event) && hosts(e.from, c.by));
    return allowed ? undefined : `may not send ${JSON.stringify(body.event)} to ${JSON.stringify(body.machine)}`;
  };
}
