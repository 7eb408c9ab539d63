/** A file the command line cannot read or write, with words for the user (exit code 1). */
export class InputError extends Error {}
