// A `.shipshape.yaml` open in the editor: its problems as diagnostics, where they are written.
import type { Diagnostic } from 'vscode-languageserver/node';
import { parseConfigText } from '../workspace/config-cascade';
import { SOURCE } from './diagnostics';

export function configDiagnostics(text: string, knownRuleIds: ReadonlySet<string>): Diagnostic[] {
  return parseConfigText(text, knownRuleIds).problems.map((problem) => ({
    range: problem.range,
    severity: 1,
    source: SOURCE,
    code: 'config',
    message: `${problem.message} (the defaults stay in force for this key)`,
  }));
}
