// Names from the analyzed code reach terminals, Markdown and logs: strip what could move the cursor,
// change colours or hide text.

// C0 controls except tab/newline, DEL, C1 controls, and the bidi overrides that reorder text.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes terminal control characters; newlines and tabs become spaces. */
export function safeText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/[\n\t\r]/g, ' ');
}
