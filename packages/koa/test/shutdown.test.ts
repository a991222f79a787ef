import { fileURLToPath } from 'node:url';
import { shutdownSuite } from '../../../test/shutdown-suite.js';

shutdownSuite('koa', fileURLToPath(new URL('.', import.meta.url)));
