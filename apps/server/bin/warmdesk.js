#!/usr/bin/env node
// Runs the server's TypeScript sources in this same process (no wrapper process, so signals and exit codes are direct).
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./source-conditions.js', import.meta.url);
registerTsx();
await import('../src/cli/main.ts');
