// `npm run node`'s command line: every option checked (a bad one is exit 2 with the usage), and the help text,
// which documents the options and the control lines a node reads on stdin.

export const usage = `usage: npm run node -- --board <name> [--broker mqtt://host:port | --serial <path>] [options]

Runs one node of the launch bay on the host, on simulated hardware, in real time.

  --board <name>      its board file, boards/<name>.json (only that file is read); the board names its node
  --broker <url>      talk to the other nodes over MQTT (mqtt:// or mqtts://host:port); without --broker and
                      --serial, the board file's MQTT transport (e.g. mqtt://127.0.0.1:1883)
  --serial <path>     or over a serial line (RS-485, a pty): framed with COBS and CRC-16
  --baud <n>          serial speed, 1200..4000000 (default 115200)
  --keys <file>       its provisioning from npm run keys (default keys/<node>.json): its pair keys and the
                      directory of which node hosts each machine
  --state-dir <dir>   where its epoch, replay windows and simulated world live: <dir>/<node>/ (default .state)
  --speed <n>         virtual time per real time, 0.1..1000 (default 1)
  --heartbeat <ms>    report period T, 100..60000 ms (default: the board file's transport.heartbeatMs, else
                      1000); a replica is fresh for 3T, so every node of a deployment needs the same T
  --audit-log <file>  append every report and every control line, with its answer, to this JSON-lines log
                      (default logs/audit-<node>.jsonl, rotated at 1 MiB); each run begins with a marker
  --json              print reports, violations and a status every 200 ms as JSON lines
  --help              this text

Control lines on stdin, one JSON object per line:
  {"press": "<button signal>", "ms": 200}   press a button of this node's board (e.g. "airlock B button 2")
  {"request": "ready"|"active"|"relaxed"}   ask the battle deck for a state (the bridge node: the deck lives there)
  {"reset": "<machine>"}                     reset a faulted machine hosted here
  {"jam": "airlock B outer"}, {"unjam": …}   a fault of this node's simulated hardware, in the scenario format's
  {"leak": 2}, {"pumpDead": "airlock B"}     words (docs/SCENARIOS.md): also "pumpRevived", "clearSensorFault",
  {"sensorFault": "<sensor>", "stuck": 50}   and "sensorFault" with "outOfRange": true
  {"status": true}                           print the status now
Every line is answered: what was done ("done: ..."), or why not ("control: ..."), changing nothing; a button or
machine another node hosts is answered with the node that hosts it (from the provisioning's directory). Every
control line goes into the audit log with its answer and this node's name: who asked what, when, and what it did.

Exit status: 0 on SIGINT/SIGTERM, 2 for a bad option, board, provisioning, audit log or broker.`;

export interface NodeCli {
  board: string;
  broker?: string;
  serial?: string;
  baud: number;
  keys?: string;
  /** The audit log's path (default logs/audit-<node>.jsonl, once the node's name is known). */
  auditLog?: string;
  stateDir: string;
  speed: number;
  heartbeatMs: number;
  /** Whether --heartbeat was given (else the board file's transport.heartbeatMs, or 1000). */
  heartbeatGiven: boolean;
  json: boolean;
  help: boolean;
}

const VALUED = ['--board', '--broker', '--serial', '--baud', '--keys', '--state-dir', '--speed', '--heartbeat', '--audit-log'];

function number(flag: string, text: string, min: number, max: number, integer: boolean): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new Error(`${flag} ${JSON.stringify(text)}: expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  }
  return n;
}

/** Parses argv (after the script); throws an Error saying which option is wrong and why. */
export function parseNodeArgs(argv: string[]): NodeCli {
  const v = new Map<string, string>();
  let json = false, help = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') { json = true; continue; }
    if (flag === '--help' || flag === '-h') { help = true; continue; }
    if (!VALUED.includes(flag)) throw new Error(flag.startsWith('-') ? `unknown option ${flag}` : `unexpected argument ${JSON.stringify(flag)}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    if (v.has(flag)) throw new Error(`${flag} given twice`);
    v.set(flag, value);
  }
  const cli: NodeCli = {
    board: v.get('--board') ?? '', broker: v.get('--broker'), serial: v.get('--serial'), keys: v.get('--keys'),
    auditLog: v.get('--audit-log'),
    stateDir: v.get('--state-dir') ?? '.state', json, help,
    baud: number('--baud', v.get('--baud') ?? '115200', 1200, 4_000_000, true),
    speed: number('--speed', v.get('--speed') ?? '1', 0.1, 1000, false),
    heartbeatMs: number('--heartbeat', v.get('--heartbeat') ?? '1000', 100, 60_000, true),
    heartbeatGiven: v.has('--heartbeat'),
  };
  if (help) return cli;
  if (!cli.board) throw new Error('--board is required');
  if (!/^[\w-]+$/.test(cli.board)) throw new Error(`--board ${JSON.stringify(cli.board)}: a board name, as in boards/<name>.json`);
  if (cli.broker !== undefined && cli.serial !== undefined) throw new Error('give at most one of --broker and --serial');
  if (cli.broker !== undefined) {
    const m = /^mqtts?:\/\/[^\s/:]+(?::(\d{1,5}))?\/?$/.exec(cli.broker);
    if (!m) throw new Error(`--broker ${JSON.stringify(cli.broker)}: expected mqtt://host:port`);
    if (m[1] !== undefined && !(Number(m[1]) >= 1 && Number(m[1]) <= 65535)) throw new Error(`--broker ${JSON.stringify(cli.broker)}: port ${m[1]} is not from 1 to 65535`);
  }
  if (v.has('--baud') && cli.serial === undefined) throw new Error('--baud applies to --serial only');
  return cli;
}
