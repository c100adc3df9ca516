// Names from the analyzed code reach terminals, Markdown and logs: strip what could move the cursor,
// change colours or hide text.

// C0 controls except tab/newline, DEL, C1 controls, and the bidi overrides that reorder text.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes terminal control characters; newlines and tabs become spaces. */
export function safeText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/[\n\t\r]/g, ' ');
}

// JSON.stringify leaves DEL, the C1 controls, the line/paragraph separators and the bidi overrides
// raw; printed to a terminal (`cat`, `jq`, CI logs) they act or reorder text. As \u escapes the value
// parses back exactly and the bytes are harmless.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify with two-space indent and a trailing newline, every unsafe character escaped. */
export function stringifySafeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
