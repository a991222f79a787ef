import express from 'express';
import { faultSuite } from '../../../test/fault-suite.js';
import { expressHarness } from './harness.js';

faultSuite(expressHarness('express 5', () => express()));
