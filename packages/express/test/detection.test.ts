import express from 'express';
import express4 from 'express4';
import { detectionSuite } from '../../../test/detection-suite.js';
import { expressHarness } from './harness.js';

detectionSuite(expressHarness('express 5', () => express()));
detectionSuite(expressHarness('express 4', () => (express4 as unknown as () => ReturnType<typeof express>)()));
