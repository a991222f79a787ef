import { fileURLToPath } from 'node:url';
import { shutdownSuite } from '../../../test/shutdown-suite.js';

shutdownSuite('express', fileURLToPath(new URL('.', import.meta.url)));
