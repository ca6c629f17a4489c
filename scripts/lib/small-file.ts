// Reads a small text file a user names (provisioning, keys): only a regular file, and only up to a bound, so a
// device such as /dev/zero or a huge file is refused at once instead of read forever.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The text of `path`; throws an Error saying why not (missing, not a regular file, larger than `maxBytes`). */
export function readSmallFile(path: string, maxBytes = 1 << 20): string {
  // Opened without blocking: a FIFO with no writer would otherwise wait here forever.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n; (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) {
      length += n;
      if (length > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally { closeSync(fd); }
}
