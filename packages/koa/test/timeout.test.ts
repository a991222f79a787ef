import Koa from 'koa';
import Koa2 from 'koa2';
import { timeoutSuite } from '../../../test/timeout-suite.js';
import { koaHarness } from './harness.js';

timeoutSuite(koaHarness('koa 3', () => new Koa()));
timeoutSuite(koaHarness('koa 2', () => new (Koa2 as unknown as typeof Koa)()));
