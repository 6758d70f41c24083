// Words that keep an entry out of the demo corpus. The HH-RLHF part comes from red-team conversations, and
// even its `chosen` (less harmful) replies sometimes repeat a slur or an obscenity from the prompt. The demo
// model is the first thing a newcomer talks to, so an entry whose prompt or reply holds one of these words
// is left out rather than risk that its first answer insults someone. The list is short on purpose: it is a
// guard for the demo, not a moderation system, and dropping a harmless entry by mistake costs nothing.

// Stems whose every continuation is offensive ("fuck", "fucking", "fucked").
const STEMS = ["fuck", "shit", "cunt", "bitch", "nigg", "fagg", "retard", "whore", "slut", "masturbat", "porn", "rapist"];

// Whole words (and plurals) whose stem also starts innocent words: "cocktail", "spice", "dickens", "rapeseed".
const WORDS = [
  "fag",
  "dick",
  "cock",
  "pussy",
  "pussies",
  "twat",
  "spic",
  "chink",
  "gook",
  "kike",
  "wetback",
  "dyke",
  "tranny",
  "penis",
  "rape",
  "raped",
  "raping",
];

const PATTERN = new RegExp(`\\b(?:(?:${STEMS.join("|")})\\w*|(?:${WORDS.join("|")})s?)\\b`, "i");

export const EXCLUDED_WORDS: readonly string[] = [...STEMS, ...WORDS];

/** Whether the text holds one of the excluded words (case-insensitive, whole words or the stems' continuations). */
export function containsExcludedWord(text: string): boolean {
  return PATTERN.test(text);
}
