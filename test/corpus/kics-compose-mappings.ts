// KICS Compose queries covered by our rules. Queries with no counterpart are not listed: Cgroup Not
// Default (a custom cgroup_parent, not the host cgroup namespace), Cpus Not Limited (our
// no-resource-limits covers memory and process count, the resources a runaway container exhausts
// the host with), Restart Policy On Failure Not Set To 5, Privileged Ports Mapped In Container and
// Shared Volumes Between Containers (operational choices, not exposures). `above` covers findings
// we report on the service key where KICS reports the nested key below it.
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
  {
    kicsId: '404fde2c-bc4b-4371-9747-7054132ac953',
    queryName: 'Default Seccomp Profile Disabled',
    rules: ['unconfined-profile'],
  },
  { kicsId: 'd6355c88-1e8d-49e9-b2f2-f8a1ca12c75b', queryName: 'Docker Socket Mounted In Container', rules: ['docker-socket'] },
  { kicsId: '4f31dd9f-2cc3-4751-9b53-67e4af83dac0', queryName: 'Host Namespace is Shared', rules: ['host-namespace'] },
  { kicsId: 'baa3890f-bed7-46f5-ab8f-1da8fc91c729', queryName: 'Shared Host IPC Namespace', rules: ['host-namespace'] },
  { kicsId: '071a71ff-f868-47a4-ac0b-3c59e4ab5443', queryName: 'Shared Host Network Namespace', rules: ['host-namespace'] },
  { kicsId: '8af7162d-6c98-482f-868e-0d33fb675ca8', queryName: 'Shared Host User Namespace', rules: ['host-namespace'] },
  {
    kicsId: '27fcc7d6-c49b-46e0-98f1-6c082a6a2750',
    queryName: 'No New Privileges Not Set',
    rules: ['no-new-privileges'],
    slack: 1,
    above: 12,
  },
  { kicsId: '610e266e-6c12-4bca-9925-1ed0cd29742b', queryName: 'Security Opt Not Set', rules: ['no-new-privileges'] },
  {
    kicsId: 'bb9ac4f7-e13b-423d-a010-c74a1bfbe492',
    queryName: 'Memory Not Limited',
    rules: ['no-resource-limits'],
    only: /memory/,
    above: 12,
  },
  {
    kicsId: '221e0658-cb2a-44e3-b08a-db96a341d6fa',
    queryName: 'Pids Limit Not Set',
    rules: ['no-resource-limits'],
    only: /process count/,
    above: 12,
  },
  {
    kicsId: '1c1325ff-831d-43a1-973e-839ae57dfcc0',
    queryName: 'Volume Has Sensitive Host Directory',
    rules: ['sensitive-mount'],
  },
  // Despite its name, this query checks `bind: {propagation: ...}`.
  {
    kicsId: 'baa452f0-1f21-4a25-ace5-844e7a5f410d',
    queryName: 'Volume Mounted In Multiple Containers',
    rules: ['mount-propagation'],
  },
  // KICS flags both a missing and a disabled healthcheck; we flag only the disabled one.
  { kicsId: '698ed579-b239-4f8f-a388-baa4bcb13ef8', queryName: 'Healthcheck Not Set', rules: ['healthcheck-disabled'] },
];

/** Fixtures where we knowingly disagree with KICS: file -> reason. They are reported, not scored. */
export const COMPOSE_DISAGREEMENTS: Record<string, string> = {
  'compose/default_seccomp_profile_disabled/test/positive1.yaml:13':
    '`label:seccomp:unconfined` is a (malformed) SELinux label option, not the seccomp option; Docker rejects it rather than disabling seccomp',
  'compose/volume_has_sensitive_host_directory/test/positive1.yaml:11':
    '`- /var/lib/backup/data` is an anonymous volume at that container path: nothing from the host is mounted',
  'compose/volume_has_sensitive_host_directory/test/positive2.yaml:18':
    'a named volume bound to /var/lib/backup/data through driver_opts (which sensitive-mount does follow): /var/lib is not on our sensitive list, only /var/lib/docker; flagging all of /var/lib would flag every database data folder',
  'compose/volume_has_sensitive_host_directory/test/positive3.yaml:12':
    'a local-persist driver mountpoint (/var/data): third-party volume drivers are not analysed',
  'compose/volume_mounted_in_multiple_containers/test/positive3.yaml:15':
    '`propagation: rslave` only lets host mounts into the container (what monitoring agents use); nothing the container mounts reaches the host, so mount-propagation flags only shared/rshared',
  'compose/volume_mounted_in_multiple_containers/test/positive4.yaml:15':
    'as positive3: `slave` propagation is one-way, host to container',
  'compose/healthcheck_not_set/test/positive1.yaml:4':
    "a service with no healthcheck key keeps the image's own HEALTHCHECK, which the Compose file cannot see; missing-healthcheck covers it in the Dockerfile, healthcheck-disabled only an explicit `disable: true` / `test: NONE`",
  'compose/security_opt_not_set/test/negative1.yaml:4':
    'the service has security_opt (so KICS is satisfied) but not no-new-privileges, which is what no-new-privileges checks',
};
