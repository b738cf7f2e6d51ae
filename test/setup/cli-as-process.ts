// Required by .mocharc.integration.json: the CLI tests that run in both tiers start
// `node dist/cli.js` here, as users run it (run-cli.ts).
process.env.SHIPSHAPE_TEST_CLI = 'process';
