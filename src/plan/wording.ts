// Small helpers for the plain-language sentences the plan carries.

/** orders -> orders', payments -> payments', cart -> cart's. */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** a; a and b; a, b and c. */
export function listWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** a, b, c and 4 more: at most `max` names. */
export function someWords(words: readonly string[], max = 3): string {
  if (words.length <= max) return listWords(words);
  return `${words.slice(0, max).join(', ')} and ${words.length - max} more`;
}
