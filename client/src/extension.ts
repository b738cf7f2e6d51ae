// The VS Code side: starts the bundled language server and stays out of the way. It runs no
// workspace code, so it is safe in untrusted (Restricted Mode) workspaces.
import * as path from 'node:path';
import { commands, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_FLAGS, serverEnv } from './server-process';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_FLAGS, env: serverEnv(process.env) } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_FLAGS, '--nolazy', '--inspect=6010'], env: serverEnv(process.env) },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile' },
      { language: 'dockercompose' },
      { language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
      { language: 'yaml', pattern: '**/.shipshape.{yml,yaml}' },
      // Any YAML file on disk may be a fragment a Compose file includes or extends (common.yaml):
      // the server lints it only when a project reaches it, and ignores the rest.
      { language: 'yaml', scheme: 'file' },
    ],
    synchronize: {
      configurationSection: 'shipshape',
      fileEvents: workspace.createFileSystemWatcher('**/.shipshape.{yaml,yml}'),
    },
    initializationOptions: { settings: workspace.getConfiguration('shipshape') },
  };
  client = new LanguageClient('shipshape', 'Shipshape', serverOptions, clientOptions);
  context.subscriptions.push(
    commands.registerCommand('shipshape.restartServer', async () => {
      await client?.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
