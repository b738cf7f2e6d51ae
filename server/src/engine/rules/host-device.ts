import { isMap, isScalar, type Node } from 'yaml';
import { groupByNode, itemRange } from '../compose/fields';
import { servicesLabel, type ComposeService } from '../compose/model';
import { fieldItems, fieldOf } from '../compose/reader';
import { defineRule } from '../rule';

interface Device {
  node: Node;
  /** Host side as written after interpolation; a CDI name (`vendor.com/class=name`) for CDI devices. */
  source: string;
}

// What some host devices hand over, for the message; anything else is "the host device X".
function whatItGives(source: string): string | undefined {
  if (/^\/dev\/(?:sd[a-z]|nvme\d|vd[a-z]|xvd[a-z]|hd[a-z]|mmcblk\d|dm-\d|loop\d|mapper\/)/.test(source))
    return 'a host disk, readable and writable block by block';
  if (source === '/dev/mem' || source === '/dev/kmem' || source === '/dev/port') return 'raw host memory';
  if (source === '/dev/kmsg') return 'the host kernel log';
  if (source.includes('=')) return 'a CDI device, usually a GPU';
  return undefined;
}

function devicesOf(service: ComposeService): Device[] {
  const devices: Device[] = [];
  for (const { node, document } of fieldItems(service.get('devices'))) {
    let written: unknown;
    // Short syntax HOST[:CONTAINER[:PERMISSIONS]]; long syntax {source, target, permissions}.
    if (isScalar(node)) written = node.value;
    else if (isMap(node)) {
      const source = fieldOf(document, node, 'source')?.value;
      written = isScalar(source) ? source.value : undefined;
    }
    if (!node || typeof written !== 'string' || written.trim() === '') continue;
    const interpolated = document.interpolate(written);
    // An unknown variable is still a device mapping: shown as written.
    const expanded = interpolated.unresolved ? written : interpolated.value;
    // A CDI name (`nvidia.com/gpu=all`) has no colon part; a path keeps what comes before the first colon.
    const source = expanded.includes('=') && !expanded.startsWith('/') ? expanded : expanded.split(':')[0]!;
    devices.push({ node, source });
  }
  return devices;
}

export default defineRule({
  id: 'host-device',
  title: 'Host device passed through',
  category: 'security',
  severity: 'warning',
  refs: { cis: '5.17', cwe: 'CWE-250', checkov: [] },
  docs: {
    why: 'A device in `devices:` is the raw host hardware inside the container, outside the cgroup device allow-list Docker applies by default: a disk (`/dev/sda`) can be read or rewritten block by block, `/dev/mem` exposes memory, and GPUs, serial and USB devices give kernel drivers a new attack surface (CIS Docker Benchmark 5.17). Pass only the devices the service needs, read-only (`:r`) or without mknod (`:rw`) when possible.',
    bad: 'services:\n  backup:\n    image: alpine:3.20\n    devices:\n      - /dev/sda:/dev/sda',
    good: 'services:\n  zigbee:\n    image: koenkk/zigbee2mqtt:1.40.0\n    devices:\n      # shipshape-ignore host-device -- the Zigbee coordinator stick, and nothing else\n      - /dev/ttyUSB0:/dev/ttyACM0:rw',
    fix: 'None automatic: confirm the service needs the device, narrow its permissions, and suppress the finding with the reason.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const { value: device, services } of groupByNode(model, devicesOf)) {
      const what = whatItGives(device.source);
      ctx.report({
        range: itemRange(model, device.node),
        service: services[0]!.name,
        message: `${servicesLabel(services)} ${services.length > 1 ? 'get' : 'gets'} the host device ${device.source}${what ? ` (${what})` : ''}; pass devices only when the service needs them, with the narrowest permissions (:r or :rw)`,
      });
    }
  },
});
