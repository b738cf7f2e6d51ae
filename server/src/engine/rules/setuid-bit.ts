import { flagsOf, unquoteFlagValue } from '../dockerfile/instruction-args';
import { trimTrailingSlashes } from '../dockerfile/paths';
import { effectiveWords, programName, type ShellWord } from '../dockerfile/shell';
import { defineRule } from '../rule';

/**
 * Which special bits a chmod mode adds: `setuid`, `setgid`, both, or undefined. Octal modes carry
 * them in the digit before the permission triplets (4 setuid, 2 setgid; `04755` too); symbolic
 * clauses with `s` set them for the user (`u+s`) or group (`g+s`), and `+s`/`a+s` for both
 * (chmod(1); `o+s` has no effect). `u-s` removes it and is what hardening scripts do.
 */
export function addedSpecialBits(mode: string): string | undefined {
  if (/^0?[0-7]{4}$/.test(mode)) {
    const special = Number(mode[mode.length - 4]);
    const bits = [special & 4 ? 'setuid' : '', special & 2 ? 'setgid' : ''].filter(Boolean);
    return bits.length > 0 ? bits.join(' and ') : undefined;
  }
  let user = false;
  let group = false;
  for (const clause of mode.split(',')) {
    const match = /^([ugoa]*)[+=]([rwxXst]*)$/.exec(clause);
    if (!match || !match[2]!.includes('s')) continue;
    const who = match[1]!;
    if (who === '' || who.includes('a') || who.includes('u')) user = true;
    if (who === '' || who.includes('a') || who.includes('g')) group = true;
  }
  if (user && group) return 'setuid and setgid';
  return user ? 'setuid' : group ? 'setgid' : undefined;
}

const isOption = (w: ShellWord) => /^-(?:[Rvcf]+|-[\w-]+)$/.test(w.value);

export default defineRule({
  id: 'setuid-bit',
  title: 'chmod adds the setuid or setgid bit',
  category: 'security',
  severity: 'warning',
  refs: { cis: '4.8', cwe: 'CWE-250', hadolint: [], kics: [], checkov: [], trivy: [] },
  docs: {
    why: "A setuid (or setgid) executable runs with its owner's (or group's) rights whoever starts it: a root-owned setuid binary in the image turns any bug in it into root for the container's unprivileged user, undoing `USER` (CIS Docker Benchmark 4.8, \"Ensure setuid and setgid permissions are removed\"). Flagged: `chmod u+s`, `g+s`, `+s`, `a+s` and octal modes with 4, 2 or 6 in the special digit (`4755`, `2755`, `6755`, `04755`) in RUN, and `COPY/ADD --chmod=` with such a mode. Removing the bits (`chmod u-s`, `chmod 0755`) is fine.",
    bad: 'RUN chmod u+s /usr/local/bin/helper\nCOPY --chmod=4755 helper /usr/local/bin/',
    good: 'RUN chmod 0755 /usr/local/bin/helper\n# and, to strip bits the base image ships:\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true',
    fix: 'None automatic: drop the special bit and grant the one capability the program needs instead (`setcap cap_net_bind_service=+ep`), or run the container with the privileges it needs.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      for (const command of script.commands) {
        const words = effectiveWords(command);
        if (programName(words[0]) !== 'chmod') continue;
        // The first argument that is not an option is the mode.
        const mode = words.find((w, i) => i > 0 && !isOption(w));
        const bits = mode && addedSpecialBits(mode.value);
        if (!mode || !bits) continue;
        const targets = words.slice(words.indexOf(mode) + 1).filter((w) => !isOption(w));
        // setgid on a directory only makes new files inherit its group (the shared-folder idiom,
        // `chmod g+s /srv/shared`); it grants nothing. Known directories: `-R`, a trailing slash,
        // or made by mkdir in the same RUN.
        const recursive = words.some((w) => isOption(w) && /^-[a-zA-Z]*R/.test(w.value));
        const made = new Set(
          script.commands
            .filter((c) => programName(effectiveWords(c)[0]) === 'mkdir')
            .flatMap((c) =>
              effectiveWords(c)
                .slice(1)
                .map((w) => trimTrailingSlashes(w.value)),
            ),
        );
        const directories =
          targets.length > 0 && targets.every((t) => t.value.endsWith('/') || made.has(trimTrailingSlashes(t.value)));
        if (bits === 'setgid' && (recursive || directories)) continue;
        const what = targets.length === 1 ? targets[0]!.value : 'the files';
        ctx.report({
          range: ctx.model.index.range(mode.start, mode.end),
          message: `chmod ${mode.value} sets the ${bits} bit${bits.includes(' and ') ? 's' : ''} on ${what}: it runs with its owner's rights whoever starts it; drop the bit and grant a capability (setcap) instead`,
        });
      }
    }
    for (const instruction of ctx.model.instructionsNamed(undefined, 'COPY', 'ADD')) {
      const keyword = instruction.getKeyword();
      for (const flag of flagsOf(instruction)) {
        const raw = flag.getValue();
        const range = flag.getValueRange();
        if (flag.getName().toLowerCase() !== 'chmod' || raw === null || !range) continue;
        const value = unquoteFlagValue(raw);
        const bits = addedSpecialBits(value);
        if (bits)
          ctx.report({
            range,
            message: `${keyword} --chmod=${value} sets the ${bits} bit${bits.includes(' and ') ? 's' : ''}: the copied files run with their owner's rights whoever starts them; drop the bit and grant a capability (setcap) instead`,
          });
      }
    }
  },
});
