// `.env` as Compose reads it: KEY=VALUE lines, optional `export `, quotes stripped, `#` comments.

export function parseDotEnv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n|\r/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const assignment = line.startsWith('export ') ? line.slice(7).trimStart() : line;
    const eq = assignment.indexOf('=');
    const name = eq === -1 ? '' : assignment.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) continue;
    values.set(name, unquote(assignment.slice(eq + 1).trim()));
  }
  return values;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2) {
    const close = value.indexOf(quote, 1);
    if (close > 0) return value.slice(1, close);
  }
  // An unquoted value ends at a ` #` comment.
  const comment = value.search(/\s#/);
  return (comment === -1 ? value : value.slice(0, comment)).trim();
}
