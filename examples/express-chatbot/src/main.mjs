#!/usr/bin/env node
// Start command: `pnpm --filter express-chatbot start` (or `pnpm start` at the repository root).
// Settings come from the environment: PORT, ANTHROPIC_API_KEY, REDIS_URL, CLIENT_API_KEYS, ...
import { runMain } from 'chatbot-shared';
import { createApp } from './app.mjs';

await runMain({ name: 'express-chatbot', createApp });
