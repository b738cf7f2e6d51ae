// The rule registry: adding a rule means adding its file and one line here, then running
// `npm run generate:rule-catalogue` (the CLI's catalogue and per-kind lists; a test fails until then).
import type { Rule } from '../rule';
import capDropAll from './cap-drop-all';
import dangerousCapability from './dangerous-capability';
import portAllInterfaces from './port-all-interfaces';
import privileged from './privileged';
import rootUser from './root-user';
import syntaxError from './syntax-error';
import unpinnedImage from './unpinned-image';
import eolBaseImage from './eol-base-image';
import authDisabled from './auth-disabled';
import untrustedImage from './untrusted-image';
import unusedSuppression from './unused-suppression';
// Compose
import dockerSocket from './docker-socket';
import sensitiveMount from './sensitive-mount';
import hostNamespace from './host-namespace';
import unconfinedProfile from './unconfined-profile';
import noNewPrivileges from './no-new-privileges';
import readOnlyRootfs from './read-only-rootfs';
import serviceHardening from './service-hardening';
import hostDevice from './host-device';
import noResourceLimits from './no-resource-limits';
import healthcheckDisabled from './healthcheck-disabled';
import loggingDisabled from './logging-disabled';
import mountPropagation from './mount-propagation';
import tmpfsExec from './tmpfs-exec';
import composeSchema from './compose-schema';
// Dockerfile instructions and shared secrets
import shellFormCmd from './shell-form-cmd';
import workdirRelative from './workdir-relative';
import relativeCopyNoWorkdir from './relative-copy-no-workdir';
import maintainerDeprecated from './maintainer-deprecated';
import multipleCmd from './multiple-cmd';
import numericUser from './numeric-user';
import copyWholeStage from './copy-whole-stage';
import envSelfReference from './env-self-reference';
import copyArgsSlash from './copy-args-slash';
import duplicateStageName from './duplicate-stage-name';
import copyFromStage from './copy-from-stage';
import undefinedArg from './undefined-arg';
import legacyEnvFormat from './legacy-env-format';
import emptyContinuation from './empty-continuation';
import invalidPort from './invalid-port';
import exposedSsh from './exposed-ssh';
import missingHealthcheck from './missing-healthcheck';
import addLocalFile from './add-local-file';
import addRemoteUrl from './add-remote-url';
import secretFileCopied from './secret-file-copied';
import copyBuildContext from './copy-build-context';
import copyIgnoredFile from './copy-ignored-file';
import secretInEnv from './secret-in-env';
import imageDigest from './image-digest';
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
import setuidBit from './setuid-bit';
import secretInRun from './secret-in-run';

export const RULES: readonly Rule[] = [
  syntaxError,
  unusedSuppression,
  rootUser,
  untrustedImage,
  unpinnedImage,
  eolBaseImage,
  authDisabled,
  imageDigest,
  secretInEnv,
  privileged,
  portAllInterfaces,
  dangerousCapability,
  serviceHardening,
  capDropAll,
  dockerSocket,
  sensitiveMount,
  hostNamespace,
  unconfinedProfile,
  noNewPrivileges,
  readOnlyRootfs,
  hostDevice,
  noResourceLimits,
  healthcheckDisabled,
  loggingDisabled,
  mountPropagation,
  tmpfsExec,
  composeSchema,
  // Dockerfile instructions
  addRemoteUrl,
  addLocalFile,
  secretFileCopied,
  copyBuildContext,
  copyIgnoredFile,
  exposedSsh,
  missingHealthcheck,
  shellFormCmd,
  workdirRelative,
  relativeCopyNoWorkdir,
  maintainerDeprecated,
  multipleCmd,
  numericUser,
  copyWholeStage,
  envSelfReference,
  copyArgsSlash,
  duplicateStageName,
  copyFromStage,
  undefinedArg,
  legacyEnvFormat,
  emptyContinuation,
  invalidPort,
  // Dockerfile RUN analysis
  pipeToShell,
  insecureTransport,
  sudo,
  worldWritable,
  setuidBit,
  secretInRun,
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
