#!/usr/bin/env node
import { runCli } from '../dist/index.mjs';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`faultline-collector: ${error && error.message ? error.message : error}`);
    process.exit(1);
  },
);
