import { presetSetting, RULES } from '../engine';

export function formatRules(format: 'text' | 'json' | 'markdown'): string {
  if (format === 'markdown') {
    const rows = RULES.map(
      (rule) =>
        `| \`${rule.id}\` | ${rule.title} | ${rule.targets.join(', ')} | ${rule.category} | ${presetSetting(rule, 'recommended')} | ${presetSetting(rule, 'strict')} | ${rule.fixes ?? '-'} |`,
    );
    return (
      ['| Rule | Title | Files | Category | Recommended | Strict | Fix |', '|---|---|---|---|---|---|---|', ...rows].join('\n') +
      '\n'
    );
  }
  if (format === 'json') {
    return (
      JSON.stringify(
        RULES.map((rule) => ({
          id: rule.id,
          title: rule.title,
          category: rule.category,
          severity: presetSetting(rule, 'recommended'),
          strictSeverity: presetSetting(rule, 'strict'),
          targets: rule.targets,
          // 'safe' (applied by --fix), 'changes-behaviour' (only with --unsafe-fixes) or null (no automatic fix).
          fix: rule.fixes ?? null,
          refs: rule.refs,
          docs: rule.docs,
        })),
        null,
        2,
      ) + '\n'
    );
  }
  const width = Math.max(...RULES.map((rule) => rule.id.length));
  const lines = RULES.map(
    (rule) =>
      `${rule.id.padEnd(width)}  ${presetSetting(rule, 'recommended').padEnd(7)}  ${rule.targets.join(',').padEnd(18)}  ${rule.title}`,
  );
  return [`${'RULE'.padEnd(width)}  DEFAULT  FILES               TITLE`, ...lines].join('\n') + '\n';
}
