// Which names of a user's file an error may print (issue 11 "no value echoed"). A key of a YAML or
// JSON file is user input like its values: a file that is no contract at all (a shadow file, an
// environment dump, a key file) has whole lines as its "keys", and a key can be a token or a DSN.
// An error names a field only when the name looks like a field name (letters, digits, `_`, `-`,
// `.`, at most one `:` as in `scaleway-infra:containers`, at most 64 characters) and the credential
// detector does not recognise it; otherwise it says "a field whose name is not shown".
import { detectCredentialFormat } from "../detectors/credentials";

/** What stands for a name that is not shown. */
export const HIDDEN_NAME = "(a field whose name is not shown)";

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const NAMESPACED = /^[A-Za-z_][A-Za-z0-9_.-]{0,30}:[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

/** Whether `name` may be printed in an error as it is. */
export function isShowableName(name: string): boolean {
  if (!FIELD_NAME.test(name) && !NAMESPACED.test(name)) return false;
  return detectCredentialFormat(name) === undefined;
}

/** `name` when it may be printed, else HIDDEN_NAME. */
export function shownName(name: string): string {
  return isShowableName(name) ? name : HIDDEN_NAME;
}
