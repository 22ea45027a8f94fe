#!/usr/bin/env node
// The `covgap` command: registers tsx (TypeScript without a build step) and runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
