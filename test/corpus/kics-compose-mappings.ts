// KICS Compose queries covered by our rules. Queries with no counterpart are not listed.
import type { Mapping } from './kics-mapping';

export const COMPOSE_MAPPINGS: Mapping[] = [
  { kicsId: 'ae5b6871-7f45-42e0-bb4c-ab300c4d2026', queryName: 'Privileged Containers Enabled', rules: ['privileged'] },
  {
    kicsId: '451d79dc-0588-476a-ad03-3c7f0320abb3',
    queryName: 'Container Traffic Not Bound To Host Interface',
    rules: ['port-all-interfaces'],
    slack: 1,
  },
  {
    kicsId: 'ce76b7d0-9e77-464d-b86f-c5c48e03e22d',
    queryName: 'Container Capabilities Unrestricted',
    rules: ['cap-drop-all', 'dangerous-capability'],
    slack: 1,
  },
];

/** Fixtures where we knowingly disagree with KICS: file -> reason. They are reported, not scored. */
export const COMPOSE_DISAGREEMENTS: Record<string, string> = {};
