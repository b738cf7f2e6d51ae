// The packaged extension in real VS Code (code-server, the same workbench in a browser), driven by
// playwright-core with Debian's chromium. Run with `npm run test:e2e` (setup.sh installs the tools).
// Asserts from the UI: squiggles, the Problems panel, hover text, and a Ctrl+. quick fix.
import { execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { CODE_SERVER, launchChromium, NODE24, requireInstalled, ROOT, startCodeServer } from './code-server';

const VSIX = path.join(ROOT, `shipshape-${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}.vsix`);
const ARTIFACTS = path.join(ROOT, 'test-results');

const COMPOSE =
  'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    ports:\n      - "8080:80"\n    cap_drop: [ALL]\n    read_only: true\n    security_opt: [no-new-privileges:true]\n';
const DOCKERFILE = 'FROM node:latest\nCOPY server.js /app/\nENV MODE production\nCMD ["node", "/app/server.js"]\n';

const STACK = 'include:\n  - monitoring.yaml\nservices:\n  app:\n    image: nginx:1.27\n';
const MONITORING = 'services:\n  exporter:\n    image: prom/node-exporter:v1.8.0\n    network_mode: host\n';

async function openFile(page: Page, name: string): Promise<void> {
  const tab = page.locator(`.tab[aria-label*="${name}"]`);
  if ((await tab.count()) > 0) {
    await tab.first().click();
    await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 30_000 });
    return;
  }
  await page.keyboard.press('Control+P');
  await page.keyboard.type(name);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 30_000 });
}

/** Opens the Problems panel and waits until it lists a row for each rule id. */
async function expectProblems(page: Page, ids: string[]): Promise<void> {
  await page.keyboard.press('Control+Shift+M');
  for (const id of ids) {
    await page.waitForSelector(`.markers-panel .monaco-list-row:has-text("${id}")`, { timeout: 30_000 }).catch(async () => {
      const rows = await page.$$eval('.markers-panel .monaco-list-row', (r) => r.map((row) => row.textContent ?? ''));
      throw new Error(`Problems panel lacks ${id}: ${rows.join(' | ')}`);
    });
  }
}

/**
 * Opens the editor's code actions at the cursor. Ctrl+. pressed while "Go to line" is still
 * closing, or before the server's code actions arrive, opens nothing: wait for the input to close,
 * then press again until the widget shows.
 */
async function openCodeActions(page: Page): Promise<void> {
  await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 30_000 });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await page.waitForSelector('.action-widget', { timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Applies the action whose label holds `text`, by keyboard. A mouse click raced the widget: the row
 * under the pointer re-renders as it takes focus, and Playwright saw it detached until its timeout.
 */
async function chooseAction(page: Page, text: string): Promise<void> {
  await page.waitForSelector(`.action-widget .monaco-list-row:has-text("${text}")`, { timeout: 30_000 });
  for (let step = 0; step < 30; step++) {
    const focused = await page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label');
    if (focused?.includes(text)) {
      await page.keyboard.press('Enter');
      await page.waitForSelector('.action-widget', { state: 'hidden', timeout: 30_000 });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no code action "${text}" reachable from the keyboard`);
}

async function main(): Promise<void> {
  requireInstalled([['the VSIX (npm run package)', VSIX]]);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-e2e-'));
  const workspace = path.join(work, 'project');
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(workspace, 'compose.yaml'), COMPOSE);
  fs.writeFileSync(path.join(workspace, 'Dockerfile'), DOCKERFILE);
  // A Compose project whose included file is not named like a Compose file (issue #20).
  fs.mkdirSync(path.join(workspace, 'stack'));
  fs.writeFileSync(path.join(workspace, 'stack/compose.yaml'), STACK);
  fs.writeFileSync(path.join(workspace, 'stack/monitoring.yaml'), MONITORING);
  const extensions = path.join(work, 'extensions');
  const userData = path.join(work, 'user-data');
  execFileSync(NODE24, [CODE_SERVER, '--extensions-dir', extensions, '--install-extension', VSIX], { stdio: 'pipe' });

  const startServer = (userDataDir: string, extraArgs: string[]) =>
    startCodeServer({ userDataDir, extensionsDir: extensions, folder: workspace, extraArgs });
  const { port, process: server } = await startServer(userData, []);
  let trustedServer: ChildProcess | undefined;
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let step = 'start';
  try {
    step = 'open workbench (Restricted Mode: the folder is not trusted)';
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });

    step = 'compose.yaml diagnostics';
    await openFile(page, 'compose.yaml');
    await page.waitForSelector('.squiggly-error', { timeout: 60_000 });
    await page.waitForSelector('.squiggly-warning', { timeout: 30_000 });
    await expectProblems(page, ['privileged', 'port-all-interfaces']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-diagnostics.png') });

    step = 'quick fix via Ctrl+.';
    await page.keyboard.press('Control+G');
    await page.keyboard.type('6:10');
    await page.keyboard.press('Enter');
    await openCodeActions(page);
    await chooseAction(page, 'Bind to 127.0.0.1');
    await page.waitForSelector('.view-lines:has-text("127.0.0.1:8080:80")', { timeout: 30_000 });
    // The finding goes away once the server re-lints the edited text.
    await page.waitForSelector('.markers-panel .monaco-list-row:has-text("port-all-interfaces")', {
      state: 'detached',
      timeout: 30_000,
    });
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-quick-fix.png') });

    step = 'Dockerfile diagnostics and hover';
    await openFile(page, 'Dockerfile');
    await page.waitForSelector('.squiggly-warning', { timeout: 60_000 });
    await expectProblems(page, ['unpinned-image', 'root-user']);
    // The squiggle sits under the text layer: move the mouse to its centre as a user would.
    const box = await page.locator('.squiggly-warning').first().boundingBox();
    if (!box) throw new Error('no squiggle to hover');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('.monaco-hover:has-text("shipshape")', { timeout: 30_000 });
    await page.keyboard.press('Escape');

    step = '"Pin to digest" while registry lookups are off: an explanation, nothing sent';
    await page.click('.view-lines');
    await page.keyboard.press('Control+G');
    await page.keyboard.type('1:8');
    await page.keyboard.press('Enter');
    await openCodeActions(page);
    await chooseAction(page, 'Pin node:latest to a digest');
    await page.waitForSelector('.notifications-toasts:has-text("shipshape.network.resolveDigests")', { timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-pin-explained.png') });
    if ((await page.locator('.view-lines:has-text("@sha256")').count()) > 0)
      throw new Error('the image was pinned while lookups are off');

    step = 'a suppression comment typed in the editor';
    await page.click('.view-lines');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('# shipshape-ignore root-user -- e2e\n');
    await page.waitForSelector('.markers-panel .monaco-list-row:has-text("root-user")', { state: 'detached', timeout: 30_000 });

    step = '.shipshape.yaml turning a rule off';
    fs.writeFileSync(path.join(workspace, '.shipshape.yaml'), 'rules:\n  unpinned-image: off\n');
    await page.waitForSelector('.markers-panel .monaco-list-row:has-text("unpinned-image")', {
      state: 'detached',
      timeout: 30_000,
    });

    step = 'Fix All: safe fixes only';
    await openFile(page, 'Dockerfile');
    await expectProblems(page, ['legacy-env-format']);
    await page.click('.view-lines');
    await page.keyboard.press('F1');
    await page.keyboard.type('Fix All');
    await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Fix All"]', { timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.view-lines:has-text("ENV MODE=production")', { timeout: 30_000 });
    await page.waitForSelector('.markers-panel .monaco-list-row:has-text("legacy-env-format")', {
      state: 'detached',
      timeout: 30_000,
    });
    // privileged: true has only a behaviour-changing fix, which Fix All must leave for review.
    if ((await page.locator('.markers-panel .monaco-list-row:has-text("privileged")').count()) === 0)
      throw new Error('Fix All removed a behaviour-changing finding (privileged)');

    step = 'Source Action: fix all, including fixes that change behaviour';
    await openFile(page, 'compose.yaml');
    await expectProblems(page, ['privileged']);
    await page.click('.view-lines');
    await page.keyboard.press('F1');
    await page.keyboard.type('Source Action');
    await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Source Action"]', { timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.action-widget', { timeout: 30_000 });
    await chooseAction(page, 'including fixes that change behaviour');
    await page.waitForSelector('.markers-panel .monaco-list-row:has-text("privileged")', { state: 'detached', timeout: 30_000 });
    if ((await page.locator('.view-lines:has-text("privileged")').count()) > 0)
      throw new Error('the behaviour-changing fix-all left privileged: true in the file');

    step = 'a finding in a file another Compose file includes (monitoring.yaml)';
    await openFile(page, 'monitoring.yaml');
    await expectProblems(page, ['host-namespace']);
    await page.waitForSelector('.markers-panel .monaco-list-row:has-text("monitoring.yaml")', { timeout: 30_000 });

    step = 'a trusted workspace';
    fs.rmSync(path.join(workspace, '.shipshape.yaml'));
    const trusted = await startServer(path.join(work, 'user-data-trusted'), ['--disable-workspace-trust']);
    trustedServer = trusted.process;
    const trustedPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await trustedPage.goto(`http://127.0.0.1:${trusted.port}/?folder=${encodeURIComponent(workspace)}`);
    await trustedPage.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await openFile(trustedPage, 'Dockerfile');
    await trustedPage.waitForSelector('.squiggly-warning', { timeout: 60_000 });
    if ((await trustedPage.locator('text=Restricted Mode').count()) > 0) throw new Error('the second workspace is not trusted');
    console.log(
      'e2e: 10 scenarios passed (diagnostics, quick fix, hover, pin-to-digest explained, suppression, config, Fix All (safe fixes only), the fix-all source action that changes behaviour and a finding in an included Compose file in Restricted Mode; diagnostics trusted)',
    );
  } catch (error) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-failure.png') }).catch(() => undefined);
    throw new Error(`e2e failed at "${step}": ${(error as Error).message} (screenshot in test-results/)`);
  } finally {
    await browser.close();
    server.kill();
    trustedServer?.kill();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
