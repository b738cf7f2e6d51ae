// Globs from `.shipshape.yaml` (trustedImages, trustedRegistries, nonRootImages, ignore,
// overrides.files). The config comes from the repository being linted, so a pattern is hostile
// input: a regex-based matcher (picomatch) backtracks on `ghcr.io/*a*a*a*a*a*a*a*a*b` for minutes.
// This matcher simulates a small NFA instead: one pass over the text with a set of live states, so
// the work is at most (text length) x (pattern size), whatever the pattern; the sets it meets are
// kept as a lazily built DFA, so a pattern met by many names soon costs one lookup per character.
//
// Syntax (picomatch's with `dot: true`, minus extglobs): `*` any run of characters except `/`,
// `**` as a whole path segment any number of segments, `?` one character except `/`, `[...]`
// classes (`!` or `^` negates; ranges; `[:alpha:]`-style names), `{a,b}` alternatives and
// `{1..3}` numeric ranges, `\` escapes the next character; a leading `./` is dropped.

/** A pattern longer than this is a config problem: no real image name or path glob needs it. */
export const MAX_GLOB_LENGTH = 256;
/** `{a,b}` alternatives a pattern may expand to; nested braces multiply. */
export const MAX_GLOB_ALTERNATIVES = 64;
/**
 * NFA states over all alternatives: bounds the work per text character where the lazy DFA cannot
 * help (sets that never repeat). Matching stays linear in the text whatever the pattern, but a
 * hostile config meets every image of a hostile file, so the factor is kept small.
 */
export const MAX_GLOB_STATES = 512;

type CharTest = (code: number) => boolean;

interface State {
  /** Transitions that consume one character. */
  on: { test: CharTest; to: number }[];
  /** Transitions that consume nothing. */
  epsilon: number[];
}

export interface CompiledGlob {
  states: State[];
  start: number[];
  accept: number;
}

const SLASH = 0x2f;
const notSlash: CharTest = (c) => c !== SLASH;
const anyChar: CharTest = () => true;
const isSlash: CharTest = (c) => c === SLASH;

const POSIX_CLASSES: Record<string, CharTest> = {
  alpha: (c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a),
  digit: (c) => c >= 0x30 && c <= 0x39,
  alnum: (c) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a),
  upper: (c) => c >= 0x41 && c <= 0x5a,
  lower: (c) => c >= 0x61 && c <= 0x7a,
  xdigit: (c) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66),
  space: (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d),
};

class GlobError extends Error {}

/** Why a pattern cannot be used, or undefined when it compiles. */
export function globProblem(pattern: string): string | undefined {
  try {
    compile(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof GlobError) return error.message;
    throw error;
  }
}

const cache = new Map<string, CompiledGlob | GlobError>();
const CACHE_LIMIT = 1000;

/** The compiled pattern, or undefined when it is unusable (see globProblem). Cached. */
export function compileGlob(pattern: string): CompiledGlob | undefined {
  let compiled = cache.get(pattern);
  if (!compiled) {
    try {
      compiled = compile(pattern);
    } catch (error) {
      if (!(error instanceof GlobError)) throw error;
      compiled = error;
    }
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
      dfas.clear();
      dfaCells = 0;
    }
    cache.set(pattern, compiled);
  }
  return compiled instanceof GlobError ? undefined : compiled;
}

/** Whether the whole text matches the pattern. An unusable pattern matches nothing. */
export function globMatches(pattern: string, text: string): boolean {
  const glob = compileGlob(pattern);
  return glob ? run(glob, text).matched : false;
}

/** The match with the number of transitions it tried: the audit's measure of work. */
export function globMatchWork(pattern: string, text: string): { matched: boolean; steps: number } {
  const glob = compileGlob(pattern);
  if (!glob) throw new Error(`unusable glob: ${globProblem(pattern)}`);
  return run(glob, text);
}

/**
 * The NFA's sets of live states, numbered as they are met, with the transitions seen so far: a DFA
 * built lazily while matching. A hostile `*a*a*a*a*b` keeps hundreds of states live at once, but
 * only a few hundred distinct sets exist, so after them each character is one map lookup. Patterns
 * whose sets never repeat fill the table, which is then emptied: the work stays at most that of
 * the plain NFA simulation.
 */
interface LazyDfa {
  ids: Map<string, number>;
  sets: number[][];
  next: Map<number, number>[];
  /** Set members and transitions held, counted toward MAX_DFA_CELLS. */
  cells: number;
}

/** Sets one pattern's DFA may hold; a full one starts again at the next match. */
const MAX_DFA_STATES = 1000;
/** Set members and transitions held over all patterns (a few MB); past it, matching runs on the NFA alone. */
const MAX_DFA_CELLS = 1_000_000;
let dfaCells = 0;
/** Emptied with the compile cache, so the cell count stays true. */
const dfas = new Map<CompiledGlob, LazyDfa>();

function freshDfa(): LazyDfa {
  return { ids: new Map(), sets: [], next: [], cells: 0 };
}

function dfaFor(glob: CompiledGlob): LazyDfa {
  let dfa = dfas.get(glob);
  if (dfa && dfa.sets.length >= MAX_DFA_STATES) {
    dfaCells -= dfa.cells;
    dfa = undefined;
  }
  if (!dfa) {
    dfa = freshDfa();
    dfas.set(glob, dfa);
  }
  return dfa;
}

function run(glob: CompiledGlob, text: string): { matched: boolean; steps: number } {
  // Empty names never match, as with picomatch (`*` and `**` need a character).
  if (text.length === 0) return { matched: false, steps: 0 };
  const { states } = glob;
  const dfa = dfaFor(glob);
  // `seen[s] === generation` marks a state already in the set being built: no state twice.
  const seen = new Uint32Array(states.length);
  let generation = 1;
  let steps = 0;
  const closure = (targets: number[], into: number[]) => {
    const stack = [...targets];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen[s] === generation) continue;
      seen[s] = generation;
      into.push(s);
      for (const e of states[s]!.epsilon) stack.push(e);
      steps++;
    }
  };
  /** The live states after reading one character. */
  const step = (set: number[], code: number): number[] => {
    generation++;
    const next: number[] = [];
    for (const s of set) {
      for (const edge of states[s]!.on) {
        steps++;
        if (edge.test(code)) closure([edge.to], next);
      }
    }
    return next;
  };
  // A set's key is its bitmap as a string: canonical without sorting, 32 characters at 512 states.
  const bits = new Uint16Array(Math.ceil(states.length / 16));
  const keyOf = (set: number[]): string => {
    bits.fill(0);
    for (const s of set) bits[s >> 4]! |= 1 << (s & 15);
    let key = '';
    for (const word of bits) key += String.fromCharCode(word);
    return key;
  };
  /** The set's number in the DFA, or undefined when the DFA is full (the match goes on without it). */
  const intern = (set: number[]): number | undefined => {
    const key = keyOf(set);
    const known = dfa.ids.get(key);
    if (known !== undefined) return known;
    if (dfa.sets.length >= MAX_DFA_STATES || dfaCells + set.length + 1 > MAX_DFA_CELLS) return undefined;
    const id = dfa.sets.length;
    dfa.ids.set(key, id);
    dfa.sets.push(set);
    dfa.next.push(new Map());
    dfa.cells += set.length + 1;
    dfaCells += set.length + 1;
    return id;
  };

  let set: number[] = [];
  closure(glob.start, set);
  let current = intern(set);
  for (let i = 0; i < text.length && set.length > 0; i++) {
    const code = text.charCodeAt(i);
    steps++;
    const known = current === undefined ? undefined : dfa.next[current]!.get(code);
    if (known !== undefined) {
      current = known;
      set = dfa.sets[known]!;
      continue;
    }
    set = step(set, code);
    const id = intern(set);
    if (current !== undefined && id !== undefined && dfaCells < MAX_DFA_CELLS) {
      dfa.next[current]!.set(code, id);
      dfa.cells++;
      dfaCells++;
    }
    current = id;
  }
  return { matched: set.includes(glob.accept), steps };
}

// --- compiling -------------------------------------------------------------------------------

function compile(pattern: string): CompiledGlob {
  if (pattern.length > MAX_GLOB_LENGTH) throw new GlobError(`glob is longer than ${MAX_GLOB_LENGTH} characters`);
  if (pattern.startsWith('!')) throw new GlobError('negated globs ("!...") are not supported');
  if (/[@!+*?]\(/.test(pattern)) throw new GlobError('extglobs such as @(a|b) are not supported');
  if (/[\u0000-\u001f\u007f]/.test(pattern)) throw new GlobError('globs cannot contain control characters');
  const alternatives = expandBraces(pattern);
  const states: State[] = [{ on: [], epsilon: [] }];
  const accept = 0;
  const start: number[] = [];
  for (const alternative of alternatives) start.push(buildAlternative(alternative, states, accept));
  return { states, start, accept };
}

type Token =
  | { kind: 'test'; test: CharTest }
  /** Zero or more characters that pass the test. */
  | { kind: 'repeat'; test: CharTest }
  /** A `**` segment before a `/`: nothing, or any run of characters that ends with `/`. */
  | { kind: 'segments' }
  /** A final `**` segment after a `/`: nothing, or `/` and anything after it. */
  | { kind: 'tail' };

/** Adds one alternative's states (built back to front onto `accept`); returns its first state. */
function buildAlternative(alternative: string, states: State[], accept: number): number {
  const tokens = tokenize(alternative);
  let next = accept;
  const add = (state: State): number => {
    if (states.length >= MAX_GLOB_STATES) throw new GlobError(`glob expands to more than ${MAX_GLOB_STATES} states`);
    states.push(state);
    return states.length - 1;
  };
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    switch (token.kind) {
      case 'test':
        next = add({ on: [{ test: token.test, to: next }], epsilon: [] });
        break;
      case 'repeat': {
        const loop = add({ on: [], epsilon: [next] });
        states[loop]!.on.push({ test: token.test, to: loop });
        next = loop;
        break;
      }
      case 'segments': {
        // boundary: may stop here; inside: within a segment until its `/` returns to boundary.
        const boundary = add({ on: [], epsilon: [next] });
        const inside = add({ on: [], epsilon: [] });
        states[boundary]!.on.push({ test: isSlash, to: boundary }, { test: notSlash, to: inside });
        states[inside]!.on.push({ test: isSlash, to: boundary }, { test: notSlash, to: inside });
        next = boundary;
        break;
      }
      case 'tail': {
        const rest = add({ on: [], epsilon: [next] });
        states[rest]!.on.push({ test: anyChar, to: rest });
        next = add({ on: [{ test: isSlash, to: rest }], epsilon: [next] });
        break;
      }
    }
  }
  return next;
}

function tokenize(alternative: string): Token[] {
  let text = alternative;
  while (text.startsWith('./')) text = text.slice(2);
  const segments = text.split('/');
  const tokens: Token[] = [];
  let slashPending = false;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      if (segments.length === 1) tokens.push({ kind: 'repeat', test: anyChar });
      else if (!last) tokens.push(...(slashPending ? [literal(SLASH)] : []), { kind: 'segments' });
      else if (slashPending) tokens.push({ kind: 'tail' });
      else tokens.push({ kind: 'repeat', test: anyChar });
      slashPending = false;
      return;
    }
    if (slashPending) tokens.push(literal(SLASH));
    // A segment that is only `*` at the end needs a character: `a/*` does not match `a/`.
    if (last && i > 0 && /^\*+$/.test(segment)) tokens.push({ kind: 'test', test: notSlash });
    tokens.push(...segmentTokens(segment));
    slashPending = !last;
  });
  return tokens;
}

const literal = (code: number): Token => ({ kind: 'test', test: (c) => c === code });

function segmentTokens(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === BRACE_MARK) continue;
    if (ch === '\\' && i + 1 < segment.length) {
      tokens.push(literal(segment.charCodeAt(++i)));
    } else if (ch === '*') {
      // Consecutive stars are one star: each adds no matching power, only work.
      while (segment[i + 1] === '*' || segment[i + 1] === BRACE_MARK) i++;
      tokens.push({ kind: 'repeat', test: notSlash });
    } else if (ch === '?') {
      tokens.push({ kind: 'test', test: notSlash });
    } else if (ch === '[') {
      const parsed = parseClass(segment, i);
      if (parsed) {
        tokens.push({ kind: 'test', test: parsed.test });
        i = parsed.end;
      } else {
        tokens.push(literal(0x5b));
      }
    } else {
      tokens.push(literal(segment.charCodeAt(i)));
    }
  }
  return tokens;
}

/** `[...]` starting at `open`: its test (never matching `/`) and the index of its `]`, or undefined if unclosed. */
function parseClass(segment: string, open: number): { test: CharTest; end: number } | undefined {
  let i = open + 1;
  const negated = segment[i] === '!' || segment[i] === '^';
  if (negated) i++;
  const parts: CharTest[] = [];
  let first = true;
  for (; i < segment.length; i++, first = false) {
    const ch = segment[i]!;
    if (ch === ']' && !first) {
      const test: CharTest = (c) => c !== SLASH && parts.some((p) => p(c)) !== negated;
      return { test, end: i };
    }
    if (ch === '[' && segment[i + 1] === ':') {
      const close = segment.indexOf(':]', i + 2);
      if (close !== -1) {
        const name = segment.slice(i + 2, close);
        const named = POSIX_CLASSES[name];
        if (!named) throw new GlobError(`unknown character class [:${name}:]`);
        parts.push(named);
        i = close + 1;
        continue;
      }
    }
    let low = segment.charCodeAt(i);
    if (ch === '\\' && i + 1 < segment.length) low = segment.charCodeAt(++i);
    if (segment[i + 1] === '-' && i + 2 < segment.length && segment[i + 2] !== ']') {
      let high = segment.charCodeAt(i + 2);
      i += 2;
      if (segment[i] === '\\' && i + 1 < segment.length) high = segment.charCodeAt(++i);
      const [from, to] = low <= high ? [low, high] : [high, low];
      parts.push((c) => c >= from && c <= to);
    } else {
      const code = low;
      parts.push((c) => c === code);
    }
  }
  return undefined;
}

/** Where an expanded brace group began and ended; control characters never reach expansion. */
const BRACE_MARK = '\u0000';

/** `{a,b}` and `{1..3}` expanded to plain alternatives; `{a}` and unclosed braces stay literal. */
function expandBraces(pattern: string): string[] {
  const group = findBraceGroup(pattern);
  if (!group) return [pattern];
  const head = pattern.slice(0, group.open);
  const tail = pattern.slice(group.close + 1);
  const results: string[] = [];
  for (const option of group.options) {
    // The marker keeps `{a,b}**` from reading as a `**` segment once expanded, as picomatch reads it.
    for (const expanded of expandBraces(head + BRACE_MARK + option + BRACE_MARK + tail)) {
      results.push(expanded);
      if (results.length > MAX_GLOB_ALTERNATIVES)
        throw new GlobError(`glob expands to more than ${MAX_GLOB_ALTERNATIVES} alternatives`);
    }
  }
  return results;
}

/** The first brace group with alternatives: where it opens and closes, and its options. */
function findBraceGroup(pattern: string): { open: number; close: number; options: string[] } | undefined {
  for (let open = 0; open < pattern.length; open++) {
    if (pattern[open] === '\\') {
      open++;
      continue;
    }
    if (pattern[open] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = open; i < pattern.length; i++) {
      const ch = pattern[i];
      if (ch === '\\') i++;
      else if (ch === '{') depth++;
      else if (ch === ',' && depth === 1) commas.push(i);
      else if (ch === '}' && --depth === 0) {
        const inner = pattern.slice(open + 1, i);
        if (commas.length > 0) {
          const bounds = [open, ...commas, i];
          const options = bounds.slice(1).map((end, k) => pattern.slice(bounds[k]! + 1, end));
          return { open, close: i, options };
        }
        const range = /^(-?\d{1,6})\.\.(-?\d{1,6})$/.exec(inner);
        if (range) return { open, close: i, options: numericRange(Number(range[1]), Number(range[2])) };
        break;
      }
    }
  }
  return undefined;
}

function numericRange(from: number, to: number): string[] {
  if (Math.abs(to - from) >= MAX_GLOB_ALTERNATIVES)
    throw new GlobError(`glob expands to more than ${MAX_GLOB_ALTERNATIVES} alternatives`);
  const step = from <= to ? 1 : -1;
  const values: string[] = [];
  for (let n = from; n !== to + step; n += step) values.push(String(n));
  return values;
}
