import Koa from 'koa';
import Koa2 from 'koa2';
import { adapterSuite } from '../../../test/adapter-suite.js';
import { koaHarness } from './harness.js';

adapterSuite(koaHarness('koa 3', () => new Koa()));
adapterSuite(koaHarness('koa 2', () => new (Koa2 as unknown as typeof Koa)()));
