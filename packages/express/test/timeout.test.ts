import express from 'express';
import express4 from 'express4';
import { timeoutSuite } from '../../../test/timeout-suite.js';
import { expressHarness } from './harness.js';

timeoutSuite(expressHarness('express 5', () => express()));
timeoutSuite(expressHarness('express 4', () => (express4 as unknown as () => ReturnType<typeof express>)()));
