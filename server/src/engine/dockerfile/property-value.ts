// dockerfile-ast 0.7 works out an ENV, ARG or LABEL property's name and value (Property.getValue:
// quotes, escapes, escaped newlines, comment lines inside a continuation) by appending one
// character at a time: a new string per character, 2 % of everything a 10,000-line lint allocated.
// Most names and values hold none of the characters that change anything (`APP_HOME=/srv/app`),
// and for those the library's answer is the text itself: it is returned as it is, and every other
// text goes to the library's own method. test/unit/property-value.test.ts compares the two on the
// corpus's properties, the fixtures' and random texts.
import { Property } from 'dockerfile-ast';

type GetValue = (value: string, escapeChar: string) => string;

/** dockerfile-ast's own Property.getValue, kept for the test that compares ours with it. */
export const dockerfileAstPropertyValue: GetValue = (Property as unknown as { getValue: GetValue }).getValue;

/**
 * Property.getValue's answer without its scan when the text is plain. The library's scan appends
 * every character unchanged unless the text starts with whitespace (skipped; a comment after it is
 * dropped) or a quote (stripped when it closes the text), or holds the escape character or a line
 * break (escapes, continuations, comment lines): without those its result is the text.
 */
export function propertyValue(value: string, escapeChar: string): string {
  const first = value.charCodeAt(0);
  // ' ', \t, " and '
  if (first === 32 || first === 9 || first === 34 || first === 39) return dockerfileAstPropertyValue(value, escapeChar);
  const escape = escapeChar.charCodeAt(0);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === escape || code === 10 || code === 13) return dockerfileAstPropertyValue(value, escapeChar);
  }
  return value;
}

/** Installs propertyValue as Property.getValue (the Property constructor calls it for name and value). */
export function installPropertyValue(): void {
  (Property as unknown as { getValue: GetValue }).getValue = propertyValue;
}
