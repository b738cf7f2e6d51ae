// Synthetic inputs, one per shape that has been (or could be) super-linear in the engine. Each is
// linted at several sizes and the bench prints the time per line: a shape whose time per line grows
// with the size is quadratic somewhere, whatever the absolute numbers on the day's machine.

export interface Shape {
  name: string;
  kind: 'dockerfile' | 'compose';
  /** What the shape stresses, for the table. */
  stresses: string;
  /** About `lines` lines of text. */
  make(lines: number): string;
}

/** One stage of RUN/ENV/COPY/USER lines: every ENV makes a new version of the stage's variable scope. */
function manyEnvOneStage(lines: number): string {
  const out = ['FROM debian:12-slim', 'ARG VERSION=1.0'];
  for (let i = 0; out.length < lines; i++) {
    switch (i % 4) {
      case 0:
        out.push(`ENV VAR_${i}=value_${i}_$VERSION`);
        break;
      case 1:
        out.push(`RUN echo "$VAR_${i - 1}" > /tmp/f${i}`);
        break;
      case 2:
        out.push(`COPY src/${i} /app/${i}`);
        break;
      default:
        out.push(i % 8 === 3 ? 'USER 10001' : 'USER root');
    }
  }
  return out.join('\n') + '\n';
}

/** Thousands of short stages, each built FROM the one before (ENV inherited down a long chain) and copying from an earlier one. */
function manyStages(lines: number): string {
  const out = ['ARG BASE=debian:12-slim', 'FROM $BASE AS s0', 'ENV LEVEL=0'];
  for (let i = 1; out.length < lines; i++) {
    out.push(
      `FROM s${i - 1} AS s${i}`,
      `ENV LEVEL_${i}=$LEVEL`,
      `COPY --from=s${Math.floor(i / 2)} /out/${i} /in/${i}`,
      `RUN build --stage ${i}`,
    );
  }
  return out.join('\n') + '\n';
}

/** Few instructions, each a RUN continued over hundreds of lines. */
function longContinuations(lines: number): string {
  const out = ['FROM debian:12-slim'];
  const chain = 500;
  for (let i = 0; out.length < lines; i++) {
    out.push('RUN set -eux \\');
    // Short lines keep 50,000 of them under the default 2 MB maxFileSize (a larger file is not linted).
    for (let j = 0; j < chain - 2; j++) out.push(`  && echo ${j} >> /l${i} \\`);
    out.push('    && true');
  }
  return out.join('\n') + '\n';
}

/** Services that all merge the same anchors (`<<: *x`), so each alias is resolved once per service. */
function manyServicesWithAnchors(lines: number): string {
  const out = [
    'x-common: &common',
    '  restart: unless-stopped',
    '  logging:',
    '    driver: json-file',
    '  environment: &env',
    '    TZ: UTC',
    '    LOG_LEVEL: info',
    '  cap_add: [NET_ADMIN]',
    'services:',
  ];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `  svc${i}:`,
      '    <<: *common',
      `    image: registry.example.com/team/svc${i}:1.${i}`,
      '    environment:',
      '      <<: *env',
      `      DB_PASSWORD: secret${i}`,
      '    ports:',
      `      - "${8000 + (i % 1000)}:80"`,
    );
  }
  return out.join('\n') + '\n';
}

export const SHAPES: readonly Shape[] = [
  { name: 'many ENV in one stage', kind: 'dockerfile', stresses: 'variable scopes', make: manyEnvOneStage },
  { name: 'many stages', kind: 'dockerfile', stresses: 'stage chains, --from lookups', make: manyStages },
  { name: 'long continuation chains', kind: 'dockerfile', stresses: 'RUN lines of 500 physical lines', make: longContinuations },
  { name: 'many services with anchors', kind: 'compose', stresses: 'YAML aliases and merge keys', make: manyServicesWithAnchors },
];
