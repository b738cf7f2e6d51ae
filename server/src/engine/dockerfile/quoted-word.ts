import type { Range } from '../types';

/**
 * A Dockerfile word with one pair of quotes around all of it loses them, as BuildKit's shell-word
 * processing does for FROM and `--from`: `FROM "node:20"` pulls node:20. Words with quotes or
 * escapes anywhere else are returned as they are (they stay invalid references, never pinned).
 */
export function unquoteWord(text: string, range: Range, escapeChar = '\\'): { text: string; range: Range; quote?: string } {
  const quote = text[0];
  if (text.length < 2 || (quote !== '"' && quote !== "'") || text[text.length - 1] !== quote) return { text, range };
  const inner = text.slice(1, -1);
  if (inner.includes(quote) || (quote === '"' && inner.includes(escapeChar))) return { text, range };
  return {
    text: inner,
    range: {
      start: { line: range.start.line, character: range.start.character + 1 },
      end: { line: range.end.line, character: range.end.character - 1 },
    },
    quote,
  };
}
