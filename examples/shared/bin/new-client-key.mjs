#!/usr/bin/env node
// Prints a new client API key for /v1/messages and the CLIENT_API_KEYS entry that accepts it.
// Usage: node examples/shared/bin/new-client-key.mjs [id]     (or: pnpm --filter express-chatbot new-key [id])
import { newClientKey } from '../src/api-keys.mjs';

const id = process.argv[2] ?? 'client';
if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
  console.error('The id may hold letters, digits, ".", "_" and "-" (at most 64).');
  process.exit(1);
}
const { key, entry } = newClientKey(id);
console.log(`Key (give it to the client, it is not stored anywhere): ${key}`);
console.log(`Server setting (only the hash):  CLIENT_API_KEYS="${entry.id}:${entry.hash}"`);
console.log('Several entries, separated by commas, are all accepted (rotate keys without downtime).');
