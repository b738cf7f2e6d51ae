import { exposedPorts } from '../dockerfile/expose';
import { removeLines } from '../fix';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

export default defineRule({
  id: 'exposed-ssh',
  title: 'SSH port exposed',
  category: 'security',
  severity: 'warning',
  refs: { cis: '5.6', cwe: 'CWE-16', kics: ['Exposing Port 22 (SSH)'], checkov: ['CKV_DOCKER_1'], trivy: ['DS004'] },
  docs: {
    why: 'Running sshd in a container adds a long-lived network service with its own keys and passwords to patch and rotate (CIS Docker Benchmark 5.6). Use `docker exec` (or `kubectl exec`) to get a shell.',
    bad: 'EXPOSE 22 8080',
    good: 'EXPOSE 8080',
    fix: 'Removes port 22 from EXPOSE (the whole instruction when it was the only port).',
  },
  dockerfile(ctx) {
    const { index, text } = ctx.model;
    for (const instruction of ctx.model.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      const ports = exposedPorts(instruction);
      for (const port of ports) {
        if (port.from !== 22 || port.to !== 22) continue;
        let edit: TextEdit;
        if (ports.length === 1) {
          const range = instruction.getRange();
          edit = removeLines(index, range.start.line, range.end.line);
        } else {
          let start = index.offset(port.range.start);
          let end = index.offset(port.range.end);
          // Take the spaces after the port, or before it when it is last.
          while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
          if (end === index.lineEnd(port.range.end.line))
            while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
          edit = { range: index.range(start, end), newText: '' };
        }
        ctx.report({
          range: port.range,
          message: 'EXPOSE 22 advertises an SSH server in the container; use docker exec / kubectl exec instead of sshd',
          fixes: [{ title: 'Remove port 22', edits: [edit], preferred: true }],
        });
      }
    }
  },
});
