// The editor's lint sessions: its project root policy (the workspace folder), its settings over the
// file config, and open buffers standing in for the files on disk.
import * as path from 'node:path';
import { environmentDefaults } from '../workspace/environment-defaults';
import type { ConfigStore, SessionPolicy } from '../workspace/lint-session';
import { editorProjectRoot } from '../workspace/project-root';
import type { Settings } from './settings';

/** The innermost workspace folder holding `filePath`. */
export function workspaceFolderOf(filePath: string, workspaceFolders: readonly string[]): string | undefined {
  return workspaceFolders
    .filter((root) => filePath === root || filePath.startsWith(root + path.sep))
    .sort((a, b) => b.length - a.length)[0];
}

export function editorSessionPolicy(options: {
  workspaceFolders: readonly string[];
  settings: Settings;
  configs: ConfigStore;
  /** The text of the open document for a path, if one is open. */
  openBuffer: (absolutePath: string) => string | undefined;
  env?: NodeJS.ProcessEnv;
}): SessionPolicy {
  const { workspaceFolders, settings, configs, openBuffer } = options;
  return {
    rootOf: (filePath) => editorProjectRoot(filePath, workspaceFolders),
    configs,
    defaults: environmentDefaults(options.env ?? process.env),
    // The file config is team policy; editor settings are personal preference layered on top.
    overrides: { rules: settings.rules },
    pathBase: (filePath) => workspaceFolderOf(filePath, workspaceFolders),
    overlay: openBuffer,
  };
}
