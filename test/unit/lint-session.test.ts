// The CLI's sessions: staged content stands in for the working tree in cross-file reads.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintTargets } from '../../server/src/cli/lint-files';
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
});
