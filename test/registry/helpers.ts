// Helpers shared by the registry test files.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RegistryError, type RegistryErrorCode } from '../../server/src/registry';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Awaits the promise and checks it fails with a RegistryError of this code; returns the error. */
export async function rejectsWith(promise: Promise<unknown>, code: RegistryErrorCode): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RegistryError, `expected a RegistryError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected a RegistryError "${code}"`);
}

/** A Docker config.json in `dir`, for RegistryClient's dockerConfigPath. */
export function writeDockerConfig(dir: string, config: object): string {
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}
