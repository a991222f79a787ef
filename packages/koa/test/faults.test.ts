import Koa from 'koa';
import { faultSuite } from '../../../test/fault-suite.js';
import { koaHarness } from './harness.js';

faultSuite(koaHarness('koa 3', () => new Koa()));
