// The development log's harvesters wrap each task in a template ("### Instruction", "Q:") and add
// a reasoning line ("think step by step"). The benches strip both to get the bare task, so they
// can re-wrap it the way an attacker who read our docs would.

/** A line asking the model to show its reasoning, in the phrasings the development log uses. */
export const COT_LINE =
  /(think step by step|reason through the problem|explain your reasoning|you are solving this as an expert|step by step way|before answering|write out your complete reasoning)/i;

/** A line that is only a template marker ("### Response", "Q:", "Please answer the following"). */
export const WRAP_LINE = /^(###\s*\w+|instruction:|response:|q:|a:|task:|please answer the following[^\n]*)\s*$/i;

/** A harvester's prompt without its wrapper and reasoning line: the bare task. */
export function unwrap(prompt) {
  return prompt
    .split('\n')
    .filter((l) => l.trim() && !COT_LINE.test(l) && !WRAP_LINE.test(l.trim()))
    .map((l) => l.replace(/^(instruction|task|q):\s*(###\s*task\s*)?/i, ''))
    .join('\n')
    .trim();
}
