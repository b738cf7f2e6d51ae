// SOURCE_DATE_EPOCH pins the day eol-base-image judges against, beneath any .shipshape.yaml.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { environmentDefaults } from '../../server/src/workspace/environment-defaults';

function eolFindings(cwd: string, epoch: string | undefined): number {
  let stdout = '';
  main(['lint', '--format', 'json', 'Dockerfile'], {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    isTTY: false,
    env: epoch === undefined ? {} : { SOURCE_DATE_EPOCH: epoch },
    cwd,
  });
  const [file] = JSON.parse(stdout) as { messages: { ruleId: string }[] }[];
  return file!.messages.filter((m) => m.ruleId === 'eol-base-image').length;
}

describe('environment defaults', () => {
  it('turn SOURCE_DATE_EPOCH into the EOL reference day, and ignore what is not a number of seconds', () => {
    assert.deepEqual(environmentDefaults({ SOURCE_DATE_EPOCH: '1577836800' }), { eolReferenceDate: '2020-01-01' });
    assert.deepEqual(environmentDefaults({ SOURCE_DATE_EPOCH: 'yesterday' }), {});
    assert.deepEqual(environmentDefaults({}), {});
  });

  it('the CLI judges end of life as of SOURCE_DATE_EPOCH, and a config date still wins', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-epoch-'));
    try {
      fs.mkdirSync(path.join(dir, '.git'));
      fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.8-slim\nUSER 10001\nCMD ["python"]\n');
      // Python 3.8 reached its end of life on 2024-10-07.
      assert.equal(eolFindings(dir, String(Date.parse('2020-01-01T00:00:00Z') / 1000)), 0);
      assert.equal(eolFindings(dir, String(Date.parse('2026-12-01T00:00:00Z') / 1000)), 1);
      fs.writeFileSync(path.join(dir, '.shipshape.yaml'), 'eolReferenceDate: "2020-01-01"\n');
      assert.equal(eolFindings(dir, String(Date.parse('2026-12-01T00:00:00Z') / 1000)), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
