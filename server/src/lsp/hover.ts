// Hovers: the rule behind each finding under the cursor, and what is known about an image reference
// there (its tag's support window, the digest it is pinned to).
import type { Hover, Position } from 'vscode-languageserver/node';
import { imageInfoIn, imageInfoMarkdown, imageReferencesOf, ruleById, type Finding } from '../engine';
import { escapeMarkdown } from '../engine/markdown';
import { DOCS_BASE } from './diagnostics';
import { parseOf, type LintState } from './lint-states';

function contains(range: Finding['range'], position: Position): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd =
    position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

function findingSection(finding: Finding): string | undefined {
  const rule = ruleById(finding.ruleId);
  if (!rule) return undefined;
  return [
    `**${rule.title}** (\`${rule.id}\`, ${finding.severity})`,
    '',
    // The message quotes file text: escaped, so it can never render as a link or an image.
    escapeMarkdown(finding.message),
    '',
    rule.docs.why,
    '',
    `**Fix:** ${rule.docs.fix}`,
    '',
    `[Rule documentation](${DOCS_BASE}/${rule.id}.md)`,
  ].join('\n');
}

export interface HoverOptions {
  /** What the digest cache knows of a pinned digest (markdown), if anything. */
  pinned(digest: string | undefined): Promise<string | undefined>;
  warn(message: string): void;
}

/** The hover at `position` of a document whose current lint is `state`, with the config and `.env` that lint used. */
export async function hoverFor(state: LintState, position: Position, options: HoverOptions): Promise<Hover | null> {
  const sections: string[] = [];
  for (const finding of state.findings) {
    if (finding.suppressed || !contains(finding.range, position)) continue;
    const section = findingSection(finding);
    if (section) sections.push(section);
  }
  try {
    state.images ??= imageReferencesOf(parseOf(state));
    const info = imageInfoIn(state.images, position, state.session.config);
    if (info) sections.push(imageInfoMarkdown(info));
    const pinned = info ? await options.pinned(info.digest) : undefined;
    if (pinned) sections.push(pinned);
  } catch (error) {
    options.warn(`Image hover failed: ${String(error)}`);
  }
  // Image references can hold expanded secrets too: the whole hover goes through the redaction.
  return sections.length > 0 ? { contents: { kind: 'markdown', value: state.redact(sections.join('\n\n---\n\n')) } } : null;
}
