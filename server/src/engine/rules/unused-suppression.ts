import { defineRule } from '../rule';

// Reported by the engine after every other rule has run (lint.ts), since it needs their findings.
export default defineRule({
  id: 'unused-suppression',
  title: 'Suppression comment that suppresses nothing',
  category: 'correctness',
  severity: 'info',
  fixes: 'safe',
  refs: {},
  docs: {
    why: 'A `# shipshape-ignore` comment whose finding is gone (the problem was fixed, the line moved, or the rule id is misspelled) keeps claiming an exception that no longer exists, and a misspelled id silences nothing while looking like it does. Removing stale suppressions keeps every remaining one meaningful.',
    bad: '# shipshape-ignore privileged -- needs raw sockets\nservices:\n  app:\n    image: nginx:1.27',
    good: 'services:\n  app:\n    image: nginx:1.27',
    fix: 'Removes the comment, or just the unused rule id when the comment lists several.',
  },
  reportedByEngine: ['dockerfile', 'compose'],
});
