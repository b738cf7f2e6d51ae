// The rule registry: adding a rule means adding its file and one line here.
import type { Rule } from '../rule';
import capDropAll from './cap-drop-all';
import dangerousCapability from './dangerous-capability';
import portAllInterfaces from './port-all-interfaces';
import privileged from './privileged';
import rootUser from './root-user';
import syntaxError from './syntax-error';
import unpinnedImage from './unpinned-image';
import untrustedImage from './untrusted-image';

export const RULES: readonly Rule[] = [
  syntaxError,
  rootUser,
  untrustedImage,
  unpinnedImage,
  privileged,
  portAllInterfaces,
  dangerousCapability,
  capDropAll,
];

const byId = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
