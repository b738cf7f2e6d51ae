// Hovers are Markdown, and findings quote file text: a key named `![t](https://attacker.example/t.png)`
// would make the editor fetch that URL on hover, and `[Rule documentation](...)` written in a file
// would pose as Shipshape's own link. Everything quoted from a file goes through here first, so it
// renders as the characters it is and never as a link, an image, HTML or emphasis.
// It lives in the engine because the engine writes hover Markdown too (imageInfoMarkdown).
import { escapeControlCharacters } from './control-characters';

// CommonMark lets a backslash escape any ASCII punctuation; escaping all of it also breaks the
// `https://` and `www.` that GFM autolinking looks for.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Text for a Markdown paragraph: shown as written, with nothing interpreted. */
export function escapeMarkdown(text: string): string {
  return escapeControlCharacters(text, { tabs: true }).replace(PUNCTUATION, '\\$&');
}

/**
 * Text as an inline code span, fenced with one backtick more than its longest run of backticks.
 * Control characters become visible escapes first: a line break could end the paragraph, and the
 * code span with it.
 */
export function codeSpan(text: string): string {
  const body = escapeControlCharacters(text, { tabs: true });
  if (body === '') return '` `';
  let longestRun = 0;
  // A loop, not Math.max(...runs): a spread as long as the input can overflow the stack.
  for (const run of body.matchAll(/`+/g)) longestRun = Math.max(longestRun, run[0].length);
  const fence = '`'.repeat(longestRun + 1);
  // A space on each side keeps a leading or trailing backtick off the fence; CommonMark strips one
  // space from each side when both are there, so text that starts and ends with a space keeps them.
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
