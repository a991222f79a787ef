export { fnv1a, hash32, hex32, mix32, popcount32 } from './hash.js';
export { scanText, tokenText, wordHash, MAX_SCAN_CHARS, MAX_TOKENS, Tok, TokFlag, type ScannedText } from './text.js';
export { contentFingerprint, simhash64, hamming64, simhashHex, skeletonOf, wordHashesOf, type ContentFingerprint } from './content.js';
export { reasoningElicitation, sigmoid, type ReasoningScore } from './reasoning.js';
export { answerReasoning, MAX_ANSWER_CHARS, type AnswerReasoning } from './answer.js';
export { instructionStyle, capabilityOf, CAPABILITIES, type InstructionStyle } from './instruction.js';
export { clientFingerprint, type ClientFingerprint } from './client.js';
export { networkGroups, type NetworkGroups } from './network.js';
export { fingerprintRequest, promptFingerprint, type PromptFingerprint, type RequestFingerprint } from './request.js';
