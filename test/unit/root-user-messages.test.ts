// root-user's severities and advice beyond "add USER" (issue 17): images that step down from root
// in their entrypoint and base images are reported at info saying what was seen; servers whose
// master needs root keep the warning with advice that works.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, mergeConfig, type Finding } from '../../server/src/engine';

const DIR = path.join(__dirname, '../rules/root-user');

function rootUser(name: string): Finding {
  const readFile = (relative: string) => {
    const target = path.join(DIR, relative);
    return fs.existsSync(target) && fs.statSync(target).isFile() ? fs.readFileSync(target, 'utf8') : undefined;
  };
  const text = fs.readFileSync(path.join(DIR, name), 'utf8');
  const findings = lint({ text, kind: 'dockerfile', path: name, readFile }, mergeConfig()).findings.filter(
    (f) => f.ruleId === 'root-user',
  );
  assert.equal(findings.length, 1, name);
  return findings[0]!;
}

describe('root-user messages', () => {
  const cases: [string, string, RegExp][] = [
    ['drop-gosu-installed.Dockerfile', 'info', /drops privileges at run time \(gosu, installed on line 12\)/],
    ['drop-su-exec-explicit-root.Dockerfile', 'info', /\(su-exec, installed on line 10\)/],
    ['drop-entrypoint-exec.Dockerfile', 'info', /\(setpriv to app in ENTRYPOINT on line 7\)/],
    ['drop-entrypoint-script.Dockerfile', 'info', /\(gosu to worker in drop-entrypoint-script\.sh\)/],
    ['drop-official-base.Dockerfile', 'info', /the official postgres image's entrypoint steps down to postgres/],
    ['drop-crlf.Dockerfile', 'info', /su-exec to app in ENTRYPOINT/],
    ['base-image.Dockerfile', 'info', /starts no service of its own .*images built FROM it set USER/],
    ['drop-not-really.Dockerfile', 'warning', /add "USER app"/],
    ['root-master.Dockerfile', 'warning', /nginx-unprivileged .* port above 1024/],
    ['root-master-fpm.Dockerfile', 'warning', /add USER www-data/],
    ['root-master-own.Dockerfile', 'warning', /nginx's master process .*nginxinc\/nginx-unprivileged/],
    ['base-image-entrypoint.Dockerfile', 'info', /default command is a shell or REPL/],
  ];
  for (const [name, severity, message] of cases) {
    it(`${name}: ${severity}`, () => {
      const finding = rootUser(name);
      assert.equal(finding.severity, severity);
      assert.match(finding.message, message);
      // Dropping privileges and root masters are not fixed by the default UID.
      if (!name.startsWith('base-image')) assert.doesNotMatch(finding.message, /10001:10001/);
      if (severity === 'info' && name.startsWith('drop-')) assert.deepEqual(finding.fixes ?? [], [], 'no "add USER" fix');
    });
  }
});
