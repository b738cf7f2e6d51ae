// Every test, and every CLI or server process a test starts, judges end-of-life dates as of one
// fixed day (SOURCE_DATE_EPOCH, as a reproducible CI job would set it), so the suite gives the
// same verdicts next year as today. Tests about the date itself set their own.
process.env.SOURCE_DATE_EPOCH ??= String(Date.parse('2026-12-01T00:00:00Z') / 1000);
