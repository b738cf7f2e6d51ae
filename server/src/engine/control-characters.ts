// Text that Shipshape did not write (file names, file content, config values, registry answers)
// reaches terminals, CI logs and editor hovers. Control characters in it can end a line and start
// a CI workflow command (`\n::error::`), move the cursor, set the clipboard (OSC 52) or reorder
// what is shown (bidi overrides). They are replaced by visible escapes, so the text still says
// what it contained.

// C0 except TAB, DEL, C1, the Unicode line and paragraph separators, and the bidi controls.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_OR_TAB = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  const hex = code.toString(16).padStart(code < 0x80 ? 2 : 4, '0');
  return code < 0x80 ? `\\x${hex}` : `\\u${hex}`;
}

/**
 * The text with every control character replaced by a visible escape (`\n`, `\x1b`, `\u009b`,
 * `\u202e`). Tabs are kept unless `tabs` is set: they move nothing but the column.
 */
export function escapeControlCharacters(text: string, options: { tabs?: boolean } = {}): string {
  return text.replace(options.tabs ? CONTROL_OR_TAB : CONTROL, visible);
}
