// Variable expansion shared by Dockerfile ARG/ENV substitution and Compose interpolation.
// A small scanner rather than a regex, so nested defaults (${A:-${B}}) work and no input can
// make it backtrack.

export interface Expansion {
  value: string;
  /** True when some variable had no known value and no default covered it. */
  unresolved: boolean;
}

/** Returns the variable's value, or undefined when it is not known at lint time. */
export type VariableLookup = (name: string) => string | undefined;

export interface ExpandOptions {
  /** Compose escapes a literal `$` as `$$`. */
  dollarEscape?: boolean;
  /** Dockerfile escapes a literal `$` with the escape character (`\$`). */
  escapeChar?: string;
  /** Written in place of an unresolved variable (instead of nothing), so callers can see where it was. */
  unresolvedMarker?: string;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * How many characters expansion may add to a text. Past this the value counts as unknown: real
 * values (a PATH, an image name) are far shorter, and without a bound 24 lines of `ENV A=$A$A`
 * build a 16 MB value that every later `$A` copies into findings and fixes.
 */
export const MAX_EXPANSION_GROWTH = 4096;

export function expandVariables(text: string, lookup: VariableLookup, options: ExpandOptions = {}): Expansion {
  if (!text.includes('$')) return { value: text, unresolved: false };
  const state: ScanState = { pos: 0, unresolved: false, depth: 0, limit: text.length + MAX_EXPANSION_GROWTH, overflow: false };
  const value = expandUntil(text, state, lookup, options, undefined);
  if (state.overflow) return { value: options.unresolvedMarker ?? '', unresolved: true };
  return { value, unresolved: state.unresolved };
}

interface ScanState {
  pos: number;
  unresolved: boolean;
  depth: number;
  /** The longest the expanded text may get; past it the scan stops and the value is unknown. */
  limit: number;
  overflow: boolean;
}

/** Stops the scan once the text expanded so far is over the limit; true when it did. */
function overLimit(out: string, text: string, state: ScanState): boolean {
  if (out.length <= state.limit) return false;
  state.overflow = true;
  state.unresolved = true;
  state.pos = text.length;
  return true;
}

// Nested defaults deeper than this are not expanded (and count as unresolved): real files nest
// two or three levels, and unbounded recursion would let one line overflow the stack.
const MAX_NESTING = 16;

function expandUntil(
  text: string,
  state: ScanState,
  lookup: VariableLookup,
  options: ExpandOptions,
  stop: '}' | undefined,
): string {
  let out = '';
  while (state.pos < text.length) {
    const ch = text[state.pos]!;
    if (stop && ch === stop) return out;
    if (options.escapeChar && ch === options.escapeChar && text[state.pos + 1] === '$') {
      out += '$';
      state.pos += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      state.pos++;
      continue;
    }
    const next = text[state.pos + 1];
    if (options.dollarEscape && next === '$') {
      out += '$';
      state.pos += 2;
    } else if (next === '{') {
      state.pos += 2;
      out += expandBraced(text, state, lookup, options);
      if (state.overflow || overLimit(out, text, state)) return '';
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = state.pos + 1;
      while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
      out += resolve(text.slice(state.pos + 1, end), state, lookup, options);
      state.pos = end;
      if (overLimit(out, text, state)) return '';
    } else {
      out += '$';
      state.pos++;
    }
  }
  return out;
}

function resolve(name: string, state: ScanState, lookup: VariableLookup, options: ExpandOptions): string {
  const value = lookup(name);
  if (value === undefined) {
    state.unresolved = true;
    return options.unresolvedMarker ?? '';
  }
  return value;
}

function expandBraced(text: string, state: ScanState, lookup: VariableLookup, options: ExpandOptions): string {
  let end = state.pos;
  while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
  const name = text.slice(state.pos, end);
  state.pos = end;
  const operator = /^(:-|-|:\+|\+|:\?|\?)/.exec(text.slice(end, end + 2))?.[1];
  if (!operator) {
    // `${NAME}`; anything malformed up to the closing brace is treated as unknown.
    const close = text.indexOf('}', state.pos);
    if (close !== state.pos) state.unresolved = true;
    state.pos = close === -1 ? text.length : close + 1;
    return name && close === end ? resolve(name, state, lookup, options) : (options.unresolvedMarker ?? '');
  }
  state.pos += operator.length;
  if (state.depth >= MAX_NESTING) {
    state.unresolved = true;
    state.pos = text.length;
    return options.unresolvedMarker ?? '';
  }
  const inner: ScanState = { ...state, unresolved: false, depth: state.depth + 1 };
  const word = expandUntil(text, inner, lookup, options, '}');
  if (inner.overflow) {
    state.overflow = true;
    state.unresolved = true;
    state.pos = text.length;
    return '';
  }
  state.pos = Math.min(inner.pos + 1, text.length);
  const value = lookup(name);
  const unset = value === undefined;
  const empty = value === '';
  switch (operator) {
    case ':-':
    case '-':
      if (unset || (operator === ':-' && empty)) {
        state.unresolved ||= inner.unresolved;
        return word;
      }
      return value!;
    case ':+':
    case '+':
      if (unset) {
        state.unresolved = true;
        return options.unresolvedMarker ?? '';
      }
      if (operator === ':+' && empty) return '';
      state.unresolved ||= inner.unresolved;
      return word;
    default:
      // `:?` / `?` fail the build when unset: the value is whatever the user passes.
      if (unset) state.unresolved = true;
      return value ?? options.unresolvedMarker ?? '';
  }
}
