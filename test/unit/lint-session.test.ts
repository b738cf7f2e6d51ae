// The CLI's sessions: staged content stands in for the working tree in cross-file reads.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliSessionPolicy, lintTargets } from '../../server/src/cli/lint-files';
import { ConfigStore, FileSession } from '../../server/src/workspace/lint-session';
import { tempProject } from './lsp-helpers';

describe('CLI lint sessions', () => {
  it('judges a staged Compose file with the staged Dockerfile it builds, not the working-tree copy', () => {
    const compose = 'services:\n  app:\n    build: ./app\n';
    const dir = tempProject({ 'compose.yaml': compose, 'app/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n' });
    try {
      const rootUser = (dockerfile: string | undefined) =>
        lintTargets(
          [
            { path: path.join(dir, 'compose.yaml'), kind: 'compose', explicit: true, content: compose },
            ...(dockerfile === undefined
              ? []
              : [{ path: path.join(dir, 'app/Dockerfile'), kind: 'dockerfile' as const, explicit: true, content: dockerfile }]),
          ],
          { cwd: dir },
        ).results[0]!.findings.some((f) => f.ruleId === 'root-user');
      assert.equal(rootUser(undefined), false, 'not staged: the working tree has USER');
      assert.equal(rootUser('FROM alpine:3.20\n'), true, 'the staged Dockerfile runs as root');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shares reads across a run, and reads a file the run wrote anew', () => {
    const dir = tempProject({ 'compose.yaml': 'services: {}\n', '.env': 'A=1\n' });
    try {
      const policy = cliSessionPolicy({ cwd: dir }, new ConfigStore());
      const compose = path.join(dir, 'compose.yaml');
      assert.equal(new FileSession(compose, policy).readFile('.env'), 'A=1\n');
      fs.writeFileSync(path.join(dir, '.env'), 'A=2\n');
      const second = new FileSession(compose, policy);
      assert.equal(second.readFile('.env'), 'A=1\n', 'files do not change under a run: read once');
      assert.equal(second.readFile('missing.yaml'), undefined);
      second.forgetRunRead(path.join(dir, '.env'));
      assert.equal(new FileSession(compose, policy).readFile('.env'), 'A=2\n', 'written by the run: read again');
      assert.equal(
        new FileSession(compose, cliSessionPolicy({ cwd: dir }, new ConfigStore())).readFile('.env'),
        'A=2\n',
        'a new run reads the disk',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
