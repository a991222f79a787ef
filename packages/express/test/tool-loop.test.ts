import express from 'express';
import express4 from 'express4';
import { toolLoopSuite } from '../../../test/tool-loop-suite.js';
import { expressHarness } from './harness.js';

toolLoopSuite(expressHarness('express 5', () => express()));
toolLoopSuite(expressHarness('express 4', () => (express4 as unknown as () => ReturnType<typeof express>)()));
