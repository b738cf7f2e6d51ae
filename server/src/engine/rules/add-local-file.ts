import { copyOperands, isRemoteSource } from '../dockerfile/copy-operands';
import { flagsOf } from '../dockerfile/instruction-args';
import { unquote } from '../dockerfile/paths';
import { defineRule } from '../rule';

// ADD extracts local tar archives (plain or gzip/bzip2/xz compressed, and zstd in recent
// BuildKit); for everything else it is COPY with surprises. A glob such as `*.tar.gz` counts.
const ARCHIVE = /\.(?:tar|tgz|tbz2?|txz|tzst|tar\.(?:gz|bz2|xz|zst|lz|lzma|Z))$/i;
// ADD decides by content, not name: a glob may match an archive, and a plain `.gz`/`.xz`/... file may
// be a compressed tar. Such sources are reported without the "not a tar archive" claim or the rewrite.
const MAYBE_ARCHIVE = /[*?[]|\.(?:gz|bz2|xz|zst|lz|lzma|Z)$/;
// Flags COPY does not accept, so ADD -> COPY would break the instruction.
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export default defineRule({
  id: 'add-local-file',
  title: 'ADD used to copy local files',
  category: 'security',
  severity: 'warning',
  fixes: 'safe',
  refs: {
    cis: '4.9',
    cwe: 'CWE-829',
    hadolint: ['DL3020'],
    kics: ['Add Instead of Copy'],
    checkov: ['CKV_DOCKER_4'],
    trivy: ['DS005'],
  },
  docs: {
    why: 'ADD does more than copy: it extracts archives and fetches URLs, so a file that happens to be (or later becomes) an archive is unpacked into the image (CIS Docker Benchmark 4.9). COPY does only what it says. ADD is only needed to extract a local tar archive. ARG values in the source are expanded first: `ADD $JAR /app.jar` with `ARG JAR=app.jar` is reported.',
    bad: 'ADD app.py config.yaml /app/',
    good: 'COPY app.py config.yaml /app/',
    fix: "Replaces ADD with COPY, keeping the keyword's case. Not offered when ADD-only flags such as `--checksum` are used, or when a source may be an archive meant to be extracted: it comes from a variable, is a glob, or has a compression suffix such as `.gz` (ADD looks at the content, so a compressed tar under any name is extracted).",
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const instruction of model.instructionsNamed(stage, 'ADD')) {
        const { sources } = copyOperands(instruction);
        // Heredoc content is written as a file, never extracted: nothing ADD-specific, but also nothing to fetch.
        if (sources.length === 0 || sources.some((s) => s.heredoc)) continue;
        let unknown = false;
        const values: string[] = [];
        for (const source of sources) {
          let value = unquote(source.value);
          if (value.includes('$')) {
            const expanded = model.expandInStage(stage, value, instruction);
            if (expanded.unresolved) unknown = true;
            else value = expanded.value;
          }
          values.push(value);
        }
        if (values.some((v) => isRemoteSource(v) || ARCHIVE.test(v))) continue;
        const viaVariable = sources.some((s) => s.value.includes('$'));
        const maybeArchive = unknown || values.some((v) => MAYBE_ARCHIVE.test(v));
        const canUseCopy =
          !viaVariable && !maybeArchive && !flagsOf(instruction).some((f) => ADD_ONLY_FLAGS.has(f.getName().toLowerCase()));
        const written = instruction.getInstruction();
        const list = values.map((v, i) => (v === sources[i]!.value ? `"${v}"` : `"${sources[i]!.value}" ("${v}")`)).join(', ');
        ctx.report({
          range: instruction.getInstructionRange(),
          message: maybeArchive
            ? `ADD of ${sources.map((s) => `"${s.value}"`).join(', ')}: unless that is a tar archive to extract, use COPY, which does not extract or fetch anything`
            : `ADD of local ${values.length === 1 ? 'file' : 'files'} ${list}, ${values.length === 1 ? 'which is' : 'which are'} not a tar archive; use COPY, which does not extract or fetch anything`,
          fixes: canUseCopy
            ? [
                {
                  title: 'Replace ADD with COPY',
                  edits: [
                    { range: instruction.getInstructionRange(), newText: written === written.toLowerCase() ? 'copy' : 'COPY' },
                  ],
                  preferred: true,
                },
              ]
            : [],
        });
      }
    }
  },
});
