// Every report format the CLI writes, in one table: its name, what it is for, and how it renders.
import type { Severity } from '../engine';
import { formatCheckstyle } from './format-checkstyle';
import { formatGithub } from './format-github';
import { formatGitlab } from './format-gitlab';
import { formatJson } from './format-json';
import { formatJunit } from './format-junit';
import { formatRdjson } from './format-rdjson';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import type { FileResult } from './lint-files';
import { jsonTerminalSafe } from './terminal-safe';

export interface FormatContext {
  cwd: string;
  /** ANSI colours (text and compact on a terminal without NO_COLOR). */
  color: boolean;
  failOn: Severity | 'none';
  /** SARIF: keep suppressed findings as results with `suppressions`. */
  keepSuppressed?: boolean;
}

export interface OutputFormat {
  summary: string;
  /** Whether --quiet (errors only) applies; code-scanning formats keep every level. */
  quietApplies: boolean;
  render(results: FileResult[], context: FormatContext): string;
}

export const FORMATS = {
  text: {
    summary: 'per file, with code frames and a summary (default)',
    quietApplies: true,
    render: (results, { color }) => formatText(results, { color }),
  },
  compact: {
    summary: 'one line per finding, for grep and old CI logs',
    quietApplies: true,
    render: (results, { color }) => formatText(results, { color, compact: true }),
  },
  // JSON reports are printed to terminals too: C1 controls in their strings are written as \u escapes.
  json: {
    summary: "ESLint's JSON result format",
    quietApplies: true,
    render: (results) => jsonTerminalSafe(formatJson(results)),
  },
  sarif: {
    summary: 'SARIF 2.1.0 for code scanning',
    quietApplies: false,
    render: (results, { cwd, keepSuppressed }) =>
      jsonTerminalSafe(formatSarif(results, { cwd, includeSuppressed: keepSuppressed === true })),
  },
  github: { summary: 'GitHub Actions annotations', quietApplies: true, render: (results) => formatGithub(results) },
  gitlab: {
    summary: 'GitLab Code Quality report',
    quietApplies: true,
    render: (results) => jsonTerminalSafe(formatGitlab(results)),
  },
  junit: {
    summary: 'JUnit XML (findings at or above --fail-on are failures)',
    quietApplies: true,
    render: (results, { failOn }) => formatJunit(results, failOn),
  },
  checkstyle: { summary: 'Checkstyle XML', quietApplies: true, render: (results) => formatCheckstyle(results) },
  rdjson: {
    summary: "reviewdog's Diagnostic Format",
    quietApplies: true,
    render: (results) => jsonTerminalSafe(formatRdjson(results)),
  },
} satisfies Record<string, OutputFormat>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
