// Cross-file reads (a service's Dockerfile, .env) never leave the project root.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProjectRoot } from '../../server/src/workspace/file-access';
import { ConfigStore, FileSession } from '../../server/src/workspace/lint-session';

describe('the session reader', () => {
  it('reads files inside the root and refuses paths and symlinks that leave it', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-reader-'));
    try {
      const project = path.join(base, 'project');
      fs.mkdirSync(path.join(project, 'app'), { recursive: true });
      fs.writeFileSync(path.join(project, 'app', 'Dockerfile'), 'FROM alpine:3.20\n');
      fs.writeFileSync(path.join(base, 'outside.txt'), 'secret\n');
      fs.symlinkSync(path.join(base, 'outside.txt'), path.join(project, 'link.txt'));
      const root = new ProjectRoot(project);
      const session = new FileSession(path.join(project, 'compose.yaml'), {
        rootOf: () => root,
        configs: new ConfigStore(),
        pathBase: () => project,
      });
      const read = session.readFile;
      assert.equal(read('app/Dockerfile'), 'FROM alpine:3.20\n');
      assert.equal(read('../outside.txt'), undefined);
      assert.equal(read('link.txt'), undefined, 'a symlink pointing outside is not followed');
      assert.equal(read('/etc/passwd'), undefined);
      assert.equal(read('missing'), undefined);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
