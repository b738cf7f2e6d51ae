export {
  DEFAULT_TTL_MS,
  FileDigestCache,
  cacheKey,
  defaultCacheDir,
  type DigestCache,
  type FileDigestCacheOptions,
} from './cache';
export {
  MediaTypes,
  RegistryClient,
  RegistryError,
  parseChallenge,
  type Challenge,
  type RegistryClientOptions,
  type RegistryErrorCode,
  type ResolvedDigest,
} from './client';
export {
  defaultDockerConfigPath,
  isDockerHub,
  loadCredentials,
  type DockerConfigOptions,
  type RegistryCredentials,
} from './docker-config';
export {
  DOCKER_HUB_API_HOST,
  InvalidReferenceError,
  familiarName,
  isDigest,
  parseReference,
  type ImageReference,
} from './reference';
