// Entry point VS Code calls inside the extension host: runs the mocha suite.
import Mocha from 'mocha';
import { registerExtensionTests } from './extension-host';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true });
  registerExtensionTests(mocha.suite);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host tests failed`)) : resolve()));
  });
}
