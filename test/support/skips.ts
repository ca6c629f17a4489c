// Vitest's global setup: under CI a missing program fails the run at once; elsewhere the suites that need it
// were left out (vitest.config.ts), and the end of the run names them with the command that installs it.
import { installCommand, missing, underCi } from './requirements';

export default function setup(): () => void {
  const absent = missing();
  if (absent.length && underCi()) {
    throw new Error(`CI=true and ${absent.map((r) => r.program).join(', ')} missing: the suites that need them cannot be skipped here. Install with: ${installCommand(absent)}`);
  }
  return () => {
    if (absent.length === 0) return;
    const lines = absent.flatMap((r) => r.suites.map((s) => `  ${s}  (needs ${r.program})`));
    process.stdout.write(`\nSKIPPED suites, for want of programs this machine lacks:\n${lines.join('\n')}\nInstall what they need with:\n  ${installCommand(absent)}\n(under CI=true a skip fails the run)\n`);
  };
}
