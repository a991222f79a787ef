import Koa from 'koa';
import Koa2 from 'koa2';
import { toolLoopSuite } from '../../../test/tool-loop-suite.js';
import { koaHarness } from './harness.js';

toolLoopSuite(koaHarness('koa 3', () => new Koa()));
toolLoopSuite(koaHarness('koa 2', () => new (Koa2 as unknown as typeof Koa)()));
