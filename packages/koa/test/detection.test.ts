import Koa from 'koa';
import Koa2 from 'koa2';
import { detectionSuite } from '../../../test/detection-suite.js';
import { koaHarness } from './harness.js';

detectionSuite(koaHarness('koa 3', () => new Koa()));
detectionSuite(koaHarness('koa 2', () => new (Koa2 as unknown as typeof Koa)()));
