// File text quoted in a finding message. A message repeats what the file says ("Unknown key
// "..."", "WORKDIR "..." is relative"); the file can say a lot (a 4 KB expanded value, a 200 KB
// key), and a message per line of it multiplies that into reports of hundreds of megabytes.
// Every value a rule quotes goes through here, so no message grows with the input.

/** The most characters of file text a message quotes; longer text is cut with an ellipsis. */
export const MAX_QUOTED_LENGTH = 120;

const ELLIPSIS = '…';

/** `text`, cut to `max` characters (the ellipsis included) when it is longer. */
export function truncate(text: string, max = MAX_QUOTED_LENGTH): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  // Do not split a surrogate pair: half of one is not a character.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + ELLIPSIS;
}

/** `text` in double quotes for a message, truncated: `"…"`. */
export function quote(text: string, max = MAX_QUOTED_LENGTH): string {
  return `"${truncate(text, max)}"`;
}
