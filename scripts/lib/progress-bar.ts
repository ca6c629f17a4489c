// A text progress bar that never throws: clamped to its width, whatever the counts (a shrinking search runs past the end).
export function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.max(0, Math.min(width, Math.round((Math.min(Math.max(done, 0), total) / Math.max(total, 1)) * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
