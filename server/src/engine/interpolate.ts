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

export function expandVariables(text: string, lookup: VariableLookup, options: ExpandOptions = {}): Expansion {
  if (!text.includes('$')) return { value: text, unresolved: false };
  const state: ScanState = { pos: 0, unresolved: false, depth: 0 };
  const value = expandUntil(text, state, lookup, options, undefined);
  return { value, unresolved: state.unresolved };
}

interface ScanState {
  pos: number;
  unresolved: boolean;
  depth: number;
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
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = state.pos + 1;
      while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
      out += resolve(text.slice(state.pos + 1, end), state, lookup, options);
      state.pos = end;
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
  const inner: ScanState = { pos: state.pos, unresolved: false, depth: state.depth + 1 };
  const word = expandUntil(text, inner, lookup, options, '}');
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
