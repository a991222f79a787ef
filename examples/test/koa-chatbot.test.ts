import { createApp } from '../koa-chatbot/src/app.mjs';
import { chatbotSuite, type ChatbotExample } from './chatbot-suite.js';

chatbotSuite({ name: 'koa-chatbot', createApp: createApp as ChatbotExample['createApp'], redisDb: 12 });
