// The rule registry: adding a rule means adding its file and one line here.
import type { Rule } from '../rule';
import capDropAll from './cap-drop-all';
import dangerousCapability from './dangerous-capability';
import portAllInterfaces from './port-all-interfaces';
import privileged from './privileged';
import rootUser from './root-user';
import syntaxError from './syntax-error';
import unpinnedImage from './unpinned-image';
import untrustedImage from './untrusted-image';
import unusedSuppression from './unused-suppression';
// Dockerfile RUN analysis
import apkNoCache from './apk-no-cache';
import aptNoInstallRecommends from './apt-no-install-recommends';
import cdInRun from './cd-in-run';
import curlAndWget from './curl-and-wget';
import insecureBuild from './insecure-build';
import insecureTransport from './insecure-transport';
import noninteractiveInstall from './noninteractive-install';
import nonsensicalCommand from './nonsensical-command';
import packageCacheCleanup from './package-cache-cleanup';
import packageUpdateAlone from './package-update-alone';
import pipNoCache from './pip-no-cache';
import pipeToShell from './pipe-to-shell';
import pipefail from './pipefail';
import sudo from './sudo';
import unpinnedPackages from './unpinned-packages';
import useAptGet from './use-apt-get';
import useShellInstruction from './use-shell-instruction';
import worldWritable from './world-writable';

export const RULES: readonly Rule[] = [
  syntaxError,
  unusedSuppression,
  rootUser,
  untrustedImage,
  unpinnedImage,
  privileged,
  portAllInterfaces,
  dangerousCapability,
  capDropAll,
  // Dockerfile RUN analysis
  pipeToShell,
  insecureTransport,
  sudo,
  worldWritable,
  insecureBuild,
  packageUpdateAlone,
  noninteractiveInstall,
  aptNoInstallRecommends,
  packageCacheCleanup,
  useAptGet,
  apkNoCache,
  pipNoCache,
  unpinnedPackages,
  pipefail,
  cdInRun,
  nonsensicalCommand,
  useShellInstruction,
  curlAndWget,
];

const byId = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
