import { createApp } from '../express-chatbot/src/app.mjs';
import { chatbotSuite, type ChatbotExample } from './chatbot-suite.js';

chatbotSuite({ name: 'express-chatbot', createApp: createApp as ChatbotExample['createApp'], redisDb: 11 });
