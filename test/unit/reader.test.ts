// Cross-file reads (a service's Dockerfile, .env) never leave the project root.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { siblingReader } from '../../server/src/workspace/config-loader';
import { ProjectRoot } from '../../server/src/workspace/file-access';

describe('siblingReader', () => {
  it('reads files inside the root and refuses paths and symlinks that leave it', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-reader-'));
    try {
      const project = path.join(base, 'project');
      fs.mkdirSync(path.join(project, 'app'), { recursive: true });
      fs.writeFileSync(path.join(project, 'app', 'Dockerfile'), 'FROM alpine:3.20\n');
      fs.writeFileSync(path.join(base, 'outside.txt'), 'secret\n');
      fs.symlinkSync(path.join(base, 'outside.txt'), path.join(project, 'link.txt'));
      const read = siblingReader(path.join(project, 'compose.yaml'), new ProjectRoot(project));
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
