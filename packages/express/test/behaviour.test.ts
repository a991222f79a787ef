import express from 'express';
import express4 from 'express4';
import { adapterSuite } from '../../../test/adapter-suite.js';
import { expressHarness } from './harness.js';

adapterSuite(expressHarness('express 5', () => express()));
adapterSuite(expressHarness('express 4', () => (express4 as unknown as () => ReturnType<typeof express>)()));
