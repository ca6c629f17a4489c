// A page's generated section: the text between two markers, rewritten from a record, never by hand.

/** `page` with what lies between `begin` and `end` replaced by `body`; throws, naming `where`, without the markers. */
export function replaceBetween(page: string, begin: string, end: string, body: string, where: string): string {
  const from = page.indexOf(begin), to = page.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${where} has no generated section (${begin} … ${end})`);
  return `${page.slice(0, from + begin.length)}\n${body}\n${page.slice(to)}`;
}
