// The editor's "is this open YAML file a Compose fragment?" (lsp/compose-fragment-kind.ts) loads
// the projects that could reach the file, parsing each of their files. Typing in a plain YAML file
// must not redo that per keystroke: the answer is kept while every file the search read (the
// document itself aside) reads the same, and worked out again when one changes.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isProjectFragment } from '../../server/src/engine/compose/project/fragments';
import { composeFragmentKind, FragmentCache, type FragmentSearch } from '../../server/src/lsp/compose-fragment-kind';
import { editorSessionPolicy } from '../../server/src/lsp/editor-session';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ConfigStore, FileSession } from '../../server/src/workspace/lint-session';
import { tempProject } from './lsp-helpers';

describe('editor: Compose fragment kind, cached by the texts it read', () => {
  let dir: string;
  let searches: number;
  let cache: FragmentCache;
  const open: Record<string, string> = {};
  const counting: FragmentSearch = (...args) => {
    searches++;
    return isProjectFragment(...args);
  };
  // A new session per lint, as the server makes one: only the cache carries over.
  const kindOf = (name: string) =>
    composeFragmentKind('yaml', pathToFileURL(path.join(dir, name)).href, () => session(name), cache);
  const session = (name: string) =>
    new FileSession(
      path.join(dir, name),
      editorSessionPolicy({
        workspaceFolders: [dir],
        settings: DEFAULT_SETTINGS,
        configs: new ConfigStore(),
        openBuffer: (file) => open[path.relative(dir, file)],
      }),
    );

  beforeEach(() => {
    dir = tempProject({
      'compose.yaml': 'services:\n  app:\n    image: nginx:1.27\n    extends: { file: common.yaml, service: base }\n',
      'common.yaml': 'services:\n  base:\n    privileged: true\n',
      'workflow.yml': 'on: push\n',
    });
    searches = 0;
    cache = new FragmentCache(counting);
    for (const name of Object.keys(open)) delete open[name];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('typing in a plain YAML file searches once; a change to a project file searches again', () => {
    for (let keystroke = 0; keystroke < 5; keystroke++) {
      open['workflow.yml'] = `on: push\n# ${keystroke}\n`;
      assert.equal(kindOf('workflow.yml'), undefined);
    }
    assert.equal(searches, 1);
    // The project file, edited (unsaved), now extends the workflow file: it is a fragment.
    open['compose.yaml'] = 'services:\n  app:\n    image: nginx:1.27\n    extends: { file: workflow.yml, service: x }\n';
    assert.equal(kindOf('workflow.yml'), 'compose');
    assert.equal(searches, 2);
    assert.equal(kindOf('workflow.yml'), 'compose');
    assert.equal(searches, 2);
  });

  it('a fragment stays one while it is edited, and stops being one once the project file on disk no longer extends it', () => {
    open['common.yaml'] = 'services:\n  base:\n    privileged: true\n';
    assert.equal(kindOf('common.yaml'), 'compose');
    open['common.yaml'] = 'services:\n  base:\n    privileged: false\n';
    assert.equal(kindOf('common.yaml'), 'compose');
    assert.equal(searches, 1);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  app:\n    image: nginx:1.27\n');
    assert.equal(kindOf('common.yaml'), undefined);
    assert.equal(searches, 2);
  });

  it('a file that appears where the search looked (an override beside the project) searches again', () => {
    assert.equal(kindOf('workflow.yml'), undefined);
    fs.writeFileSync(
      path.join(dir, 'compose.override.yaml'),
      'services:\n  app:\n    extends: { file: workflow.yml, service: x }\n',
    );
    assert.equal(kindOf('workflow.yml'), 'compose');
    assert.equal(searches, 2);
  });
});
