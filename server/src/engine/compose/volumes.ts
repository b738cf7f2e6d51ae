// Service volumes in both syntaxes (Compose Specification, services.volumes):
//   short: [SOURCE:]TARGET[:MODE]   MODE = ro|rw|z|Z|shared|rshared|slave|rslave|private|rprivate|nocopy, comma-separated
//          SOURCE is a host path (bind) when it starts with `/`, `.`, `~` or a Windows drive, else a volume name.
//   long:  {type: bind|volume|tmpfs|npipe|image|cluster, source, target, read_only, bind: {propagation}}
// A named volume whose top-level definition is `driver: local` with `driver_opts: {o: bind,
// device: /path}` is a bind mount of that host path in disguise, and is reported as one.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { parseComposeBool } from './fields';
import type { ComposeModel, ComposeService } from './model';
import { fieldOf, fieldString, fieldsOf, itemsOf, type ComposeDocument } from './reader';

export interface ServiceVolume {
  kind: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'anonymous' | 'other';
  /**
   * Host path (bind, npipe) or volume name, after interpolation. Unresolved variables appear as
   * UNRESOLVED, so the known parts can still be judged; undefined when there is no source.
   */
  source?: string;
  /** The host path a named volume binds through `driver_opts` (`o: bind`, `device:`). */
  boundDevice?: string;
  target?: string;
  /** Undefined when the mode is not known at lint time (interpolated). */
  readOnly: boolean | undefined;
  /** shared, rshared, slave, rslave, private, rprivate; undefined for the default. */
  propagation?: string;
  /** The list item: a scalar (short syntax) or a map (long syntax). */
  node: Node;
  /** Long syntax map, for edits. */
  map?: YAMLMap;
  /** The document the item is written in. */
  document: ComposeDocument;
  /** Short syntax: the item's text as written (before interpolation). */
  written?: string;
}

/** Stands in for an unresolved variable in an interpolated path (never part of a real path). */
export const UNRESOLVED = '\u0000';

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

const PROPAGATION = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/;

/** Whether a short-syntax source is a host path rather than a named volume. */
function isHostPath(source: string): boolean {
  return (
    source.startsWith('/') ||
    source.startsWith('.') ||
    source.startsWith('~') ||
    WINDOWS_DRIVE.test(source) ||
    source.startsWith('\\\\')
  );
}

/**
 * `$HOME` and `$PWD` come from the shell, which Compose prefers over `.env`: `${HOME}/.ssh` is
 * `~/.ssh` and `$PWD/data` is `./data` whatever the linted machine has.
 */
function expandShellPaths(text: string): string {
  return text.replace(/^(?:\$HOME\b|\$\{HOME\})/, '~').replace(/^(?:\$PWD\b|\$\{PWD\})/, '.');
}

function interpolatePath(document: ComposeDocument, text: string): string {
  return document.interpolate(expandShellPaths(text), UNRESOLVED).value;
}

/** Parses an interpolated short-syntax volume (`/host:/ctr:ro`). */
export function parseShortVolume(spec: string): Omit<ServiceVolume, 'node' | 'document'> {
  // Windows drive letters (C:\data:/data) contain a colon of their own.
  const drive = WINDOWS_DRIVE.test(spec) ? spec.slice(0, 2) : '';
  const parts = spec.slice(drive.length).split(':');
  parts[0] = drive + parts[0];
  let mode: string[] | undefined = [];
  const last = parts[parts.length - 1]!;
  if (parts.length >= 2 && last.split(',').every((m) => MODES.has(m))) mode = parts.pop()!.split(',');
  else if (parts.length >= 3 && last.includes(UNRESOLVED)) {
    parts.pop();
    mode = undefined; // `/a:/b:${MODE}`: could be ro
  }
  const readOnly = mode ? mode.includes('ro') : undefined;
  if (parts.length === 1) return { kind: 'anonymous', target: parts[0]!, readOnly };
  const source = parts[0]!;
  const volume: Omit<ServiceVolume, 'node' | 'document'> = {
    kind: isHostPath(source) ? 'bind' : 'volume',
    source,
    target: parts.slice(1).join(':'),
    readOnly,
  };
  const propagation = mode?.find((m) => PROPAGATION.has(m));
  if (propagation) volume.propagation = propagation;
  return volume;
}

function stringField(document: ComposeDocument, map: YAMLMap, key: string): string | undefined {
  const value = fieldOf(document, map, key)?.value;
  if (!isScalar(value) || value.value === null) return undefined;
  return interpolatePath(document, String(value.value));
}

function parseLongVolume(model: ComposeDocument, node: YAMLMap): ServiceVolume {
  // `type` is required; without it (a schema error compose-schema reports) a host-path source
  // (`- source: /var/run/docker.sock`) is still judged as the bind it names.
  const untypedSource = fieldOf(model, node, 'type') ? undefined : stringField(model, node, 'source');
  const type = fieldString(model, node, 'type') ?? (untypedSource !== undefined && isHostPath(untypedSource) ? 'bind' : 'volume');
  const kind: ServiceVolume['kind'] =
    type === 'bind' || type === 'volume' || type === 'tmpfs' || type === 'npipe' ? type : 'other';
  const readOnlyNode = fieldOf(model, node, 'read_only')?.value;
  let readOnly: boolean | undefined = false;
  if (isScalar(readOnlyNode) && readOnlyNode.value !== null) {
    const raw = readOnlyNode.value;
    if (typeof raw === 'boolean') readOnly = raw;
    else {
      const expanded = model.interpolate(String(raw));
      readOnly = expanded.unresolved ? undefined : (parseComposeBool(expanded.value) ?? false);
    }
  }
  const volume: ServiceVolume = { kind, readOnly, node, map: node, document: model };
  const source = stringField(model, node, 'source');
  const target = stringField(model, node, 'target');
  if (source !== undefined) volume.source = source;
  if (target !== undefined) volume.target = target;
  const bind = fieldOf(model, node, 'bind')?.value;
  const propagation = isMap(bind) ? fieldString(model, bind, 'propagation') : undefined;
  if (propagation) volume.propagation = propagation;
  return volume;
}

/** Top-level named volumes that are host binds (`driver_opts: {type: none, o: bind, device: /path}`). */
function boundDevices(model: ComposeModel): Map<string, string> {
  const devices = new Map<string, string>();
  const volumes = fieldOf(model, model.doc.contents, 'volumes')?.value;
  for (const [name, { value: definition }] of fieldsOf(model, volumes)) {
    const options = isMap(definition) ? fieldOf(model, definition, 'driver_opts')?.value : undefined;
    if (!name || !isMap(options)) continue;
    const driver = fieldString(model, definition, 'driver');
    if (driver !== undefined && driver !== 'local') continue;
    const o = fieldString(model, options, 'o') ?? '';
    const device = stringField(model, options, 'device');
    // The local driver passes these to mount(8): `o: bind` (or rbind) makes `device` a bind source.
    if (device && o.split(',').some((option) => option.trim() === 'bind' || option.trim() === 'rbind')) devices.set(name, device);
  }
  return devices;
}

const deviceCache = new WeakMap<ComposeModel, Map<string, string>>();

// docker-socket, sensitive-mount and mount-propagation each read every service's volumes.
const volumeCache = new WeakMap<ComposeModel, WeakMap<ComposeService, ServiceVolume[]>>();

/** The service's mounts (`volumes:`), parsed once per lint; callers only read them. */
export function serviceVolumes(model: ComposeModel, service: ComposeService): readonly ServiceVolume[] {
  let byService = volumeCache.get(model);
  if (!byService) volumeCache.set(model, (byService = new WeakMap()));
  let volumes = byService.get(service);
  if (!volumes) byService.set(service, (volumes = parseServiceVolumes(model, service)));
  return volumes;
}

function parseServiceVolumes(model: ComposeModel, service: ComposeService): ServiceVolume[] {
  const entry = service.get('volumes');
  if (!entry || !isSeq(entry.value)) return [];
  let devices = deviceCache.get(model);
  if (!devices) deviceCache.set(model, (devices = boundDevices(model)));
  const volumes: ServiceVolume[] = [];
  for (const { node, document } of itemsOf(entry.document, entry.value)) {
    let volume: ServiceVolume | undefined;
    if (isScalar(node) && typeof node.value === 'string') {
      volume = { ...parseShortVolume(interpolatePath(document, node.value)), node, document, written: node.value };
    } else if (isMap(node)) volume = parseLongVolume(document, node);
    if (!volume) continue;
    if (volume.kind === 'volume' && volume.source) {
      const device = devices.get(volume.source);
      if (device) volume.boundDevice = device;
    }
    volumes.push(volume);
  }
  return volumes;
}

/** The host path a mount exposes: a bind's source, or the device a named volume binds. */
export function hostPathOf(volume: ServiceVolume): string | undefined {
  if (volume.kind === 'bind' || volume.kind === 'npipe') return volume.source;
  return volume.boundDevice;
}

/**
 * A host path in one spelling: `/` separators, `~` as `/home/~` (the user's home, whoever that
 * is), `.`/`..` segments and repeated or trailing slashes folded. Relative paths stay relative.
 */
export function normaliseHostPath(path: string): string {
  let p = path.replace(/\\/g, '/');
  if (p === '~' || p.startsWith('~/')) p = '/home/~' + p.slice(1);
  const absolute = p.startsWith('/');
  const segments: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && absolute) segments.pop();
    else segments.push(segment);
  }
  return (absolute ? '/' : '') + segments.join('/');
}

/**
 * A mount's host path for a message. A path with a variable left unknown is shown as the file
 * writes it (the short-syntax item, or the long syntax's `source`), never with the stand-in for
 * the unknown value.
 */
export function shownHostPath(volume: ServiceVolume, path: string): string {
  if (!path.includes(UNRESOLVED)) return path;
  if (volume.written !== undefined) return `"${volume.written}"`;
  const source = volume.map && !volume.boundDevice ? fieldOf(volume.document, volume.map, 'source')?.value : undefined;
  if (isScalar(source) && source.value !== null) return `"${String(source.value)}"`;
  // A named volume's `device:` with a variable: the known part, and what sets the rest.
  return `${path.slice(0, path.indexOf(UNRESOLVED))} (followed by a variable)`;
}
