// Service volumes in both syntaxes (compose-spec 05-services.md#volumes):
//   short: [SOURCE:]TARGET[:MODE]   MODE = ro|rw|z|Z|shared|rshared|slave|rslave|private|rprivate|nocopy, comma-separated
//   long:  {type: bind|volume|tmpfs|npipe|image|cluster, source, target, read_only, bind: {propagation}}
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { keyName, resolveAlias, type ComposeModel, type ComposeService } from './model';

export interface ServiceVolume {
  kind: 'bind' | 'volume' | 'tmpfs' | 'anonymous' | 'other';
  /** Host path (bind) or volume name, after interpolation; undefined when unknown. */
  source?: string;
  target?: string;
  readOnly: boolean;
  propagation?: string;
  /** The list item: a scalar (short syntax) or a map (long syntax). */
  node: Node;
  /** Long syntax map, for edits. */
  map?: YAMLMap;
  /** Short syntax: the raw string as written. */
  raw?: string;
}

const MODES = new Set([
  'ro',
  'rw',
  'z',
  'Z',
  'shared',
  'rshared',
  'slave',
  'rslave',
  'private',
  'rprivate',
  'nocopy',
  'consistent',
  'cached',
  'delegated',
]);

/** Whether a short-syntax source is a host path rather than a named volume. */
function isHostPath(source: string): boolean {
  return (
    source.startsWith('/') ||
    source.startsWith('.') ||
    source.startsWith('~') ||
    /^[A-Za-z]:[\\/]/.test(source) ||
    source.startsWith('\\\\')
  );
}

export function parseShortVolume(spec: string): Omit<ServiceVolume, 'node'> {
  // Windows drive letters (C:\data:/data) contain a colon of their own.
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? spec.slice(0, 2) : '';
  const parts = spec.slice(drive.length).split(':');
  parts[0] = drive + parts[0];
  let mode: string[] = [];
  if (parts.length >= 2 && parts[parts.length - 1]!.split(',').every((m) => MODES.has(m))) mode = parts.pop()!.split(',');
  if (parts.length === 1) return { kind: 'anonymous', target: parts[0]!, readOnly: mode.includes('ro'), raw: spec };
  const source = parts[0]!;
  const target = parts.slice(1).join(':');
  const volume: Omit<ServiceVolume, 'node'> = {
    kind: isHostPath(source) ? 'bind' : 'volume',
    source,
    target,
    readOnly: mode.includes('ro'),
    raw: spec,
  };
  const propagation = mode.find((m) => /^r?(shared|slave|private)$/.test(m));
  if (propagation) volume.propagation = propagation;
  return volume;
}

function field(model: ComposeModel, map: YAMLMap, name: string): Node | null {
  const pair = map.items.find((p) => keyName(p.key) === name);
  return pair ? resolveAlias(model.doc, pair.value as Node | null) : null;
}

function stringOf(model: ComposeModel, node: Node | null): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  const expanded = model.interpolate(String(node.value));
  return expanded.unresolved ? undefined : expanded.value;
}

export function serviceVolumes(model: ComposeModel, service: ComposeService): ServiceVolume[] {
  const list = service.get('volumes')?.value;
  if (!isSeq(list)) return [];
  const volumes: ServiceVolume[] = [];
  for (const item of list.items) {
    const node = resolveAlias(model.doc, item as Node);
    if (isScalar(node) && typeof node.value === 'string') {
      const expanded = model.interpolate(node.value);
      if (expanded.unresolved) continue;
      volumes.push({ ...parseShortVolume(expanded.value), node });
    } else if (isMap(node)) {
      const type = stringOf(model, field(model, node, 'type')) ?? 'volume';
      const source = stringOf(model, field(model, node, 'source'));
      const target = stringOf(model, field(model, node, 'target'));
      const readOnly = field(model, node, 'read_only');
      const bind = field(model, node, 'bind');
      const volume: ServiceVolume = {
        kind: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other',
        readOnly: isScalar(readOnly) && (readOnly.value === true || readOnly.value === 'true'),
        node,
        map: node,
      };
      if (source !== undefined) volume.source = source;
      if (target !== undefined) volume.target = target;
      const propagation = isMap(bind) ? stringOf(model, field(model, bind, 'propagation')) : undefined;
      if (propagation) volume.propagation = propagation;
      volumes.push(volume);
    }
  }
  return volumes;
}

/** `~/x` and `$HOME/x` as the user's home, so ~/.ssh is recognised however it is written. */
export function normaliseHostPath(path: string): string {
  let p = path.replace(/\\/g, '/');
  if (p.startsWith('~/') || p === '~') p = '/home/~' + p.slice(1);
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}
