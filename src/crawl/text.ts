/**
 * Text that servers and installers print is untrusted: the crawler cleans it with the shared
 * helpers of src/text.ts before it goes into an error message, a warning or the terminal.
 */
export { cleanText, errorMessage, oneLine } from '../text.ts';
