#!/usr/bin/env node
// Runs the server's TypeScript sources in this same process (no wrapper process, so signals and exit codes are direct).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
