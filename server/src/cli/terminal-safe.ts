// Everything the CLI prints that it did not write itself (file names, messages that quote files or
// config, registry answers) goes through here before it reaches a terminal or a CI log. A newline
// in a YAML string or a file name would otherwise start a line of its own, and a CI runner reads a
// line that starts with `::error::` as a workflow command; ESC and C1 bytes would drive the
// terminal (colours, the title, the clipboard through OSC 52).
import { escapeControlCharacters } from '../engine/control-characters';

/** One value for one line of output: every control character (tabs aside) as a visible escape. */
export function terminalSafe(text: string): string {
  return escapeControlCharacters(text);
}

/**
 * A path that starts a line of text output (`path:line:col ...`). Beyond terminalSafe, a name that
 * begins with `:` (`::warning::x.Dockerfile`) gets `./` in front, so the line cannot begin with a
 * workflow command and still names the same file.
 */
export function terminalSafePath(path: string): string {
  const safe = terminalSafe(path);
  return safe.startsWith(':') ? `./${safe}` : safe;
}

// Unicode's pictures for C0 controls and DEL are one column wide, like what they replace.
const PICTURE_BASE = 0x2400;
const DEL_PICTURE = '\u2421';
const REPLACEMENT = '\ufffd';
// C0 except TAB, DEL, C1, line and paragraph separators, bidi controls: as in control-characters.ts.
const FRAME_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A line of file text for a code frame: each control character becomes one visible character of
 * the same width (ESC shows as ␛), so the caret line under it still points at the right column.
 */
export function terminalSafeFrame(text: string): string {
  return text.replace(FRAME_CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(PICTURE_BASE + code);
    return code === 0x7f ? DEL_PICTURE : REPLACEMENT;
  });
}

/**
 * Multi-line text whose line breaks are meant (a diff of file text): control characters inside the
 * lines become visible escapes; `\n`, tabs and the `\r` of a CRLF line ending are kept.
 */
export function terminalSafeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const crlf = line.endsWith('\r');
      return terminalSafe(crlf ? line.slice(0, -1) : line) + (crlf ? '\r' : '');
    })
    .join('\n');
}

// What JSON.stringify leaves raw: DEL, C1, line and paragraph separators, bidi controls.
const JSON_RAW_CONTROL = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with the control characters JSON.stringify leaves raw written as `\uXXXX` escapes.
 * They can only occur inside strings, where the escape means the same character: the data is
 * unchanged for a parser, and a terminal showing the report sees no C1 control.
 */
export function jsonTerminalSafe(json: string): string {
  return json.replace(JSON_RAW_CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
