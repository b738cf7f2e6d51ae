import { argsOf, flagsOf, heredocsOf } from '../dockerfile/instruction-args';
import { defineRule } from '../rule';

// ADD extracts local tar archives (optionally compressed); for everything else it is COPY with surprises.
const ARCHIVE = /\.(?:tar|tgz|tbz2?|txz|tzst|tar\.(?:gz|bz2|xz|zst|lz|lzma|Z))$/i;
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

function isRemote(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@');
}

export default defineRule({
  id: 'add-local-file',
  title: 'ADD used to copy local files',
  category: 'security',
  severity: 'warning',
  refs: {
    cis: '4.9',
    cwe: 'CWE-829',
    hadolint: ['DL3020'],
    kics: ['Add Instead of Copy'],
    checkov: ['CKV_DOCKER_4'],
    trivy: ['DS005'],
  },
  docs: {
    why: 'ADD does more than copy: it extracts archives and fetches URLs, so a file that happens to be (or later becomes) an archive is unpacked into the image (CIS Docker Benchmark 4.9). COPY does only what it says. ADD is only needed to extract a local tar archive.',
    bad: 'ADD app.py config.yaml /app/',
    good: 'COPY app.py config.yaml /app/',
    fix: 'Replaces ADD with COPY (not offered when ADD-only flags such as --checksum are used).',
  },
  dockerfile(ctx) {
    for (const instruction of ctx.model.instructions) {
      if (instruction.getKeyword() !== 'ADD' || heredocsOf(instruction).length) continue;
      const sources = argsOf(instruction).slice(0, -1);
      if (sources.length === 0 || sources.some((s) => isRemote(s.value) || ARCHIVE.test(s.value))) continue;
      // A source named by a variable may be an archive ADD is meant to extract: report, but do not rewrite.
      const unknown = sources.some((s) => s.value.includes('$'));
      const canUseCopy = !unknown && !flagsOf(instruction).some((f) => ADD_ONLY_FLAGS.has(f.getName().toLowerCase()));
      const keyword = instruction.getInstruction();
      ctx.report({
        range: instruction.getInstructionRange(),
        message: unknown
          ? `ADD of "${sources.map((s) => s.value).join(' ')}": unless it is a tar archive to extract, use COPY, which does not extract or fetch anything`
          : `ADD of local ${sources.length === 1 ? `file "${sources[0]!.value}"` : 'files'} that ${sources.length === 1 ? 'is' : 'are'} not a tar archive; use COPY, which does not extract or fetch anything`,
        fixes: canUseCopy
          ? [
              {
                title: 'Replace ADD with COPY',
                edits: [
                  { range: instruction.getInstructionRange(), newText: keyword === keyword.toLowerCase() ? 'copy' : 'COPY' },
                ],
                preferred: true,
              },
            ]
          : [],
      });
    }
  },
});
