// The one list of upstream names this package deliberately does not export, with the
// reason for each. Keyed by entry point ('.', '/pg', ...), then by name. `runtime` holds
// value exports (what `import * as m` shows), `types` holds names only the TypeScript
// declarations export (types, interfaces, and values seen by the type checker).
//
// Expected to stay empty: every upstream 0.13.0-beta.47 name is part of the contract.
// A name belongs here only with a reason a user can act on, never because it is not
// implemented yet.
export const omissions = {
  runtime: {},
  types: {},
};

/** The reason recorded for `name` of `entry` in `kind` ('runtime' | 'types'), if any. */
export function omissionReason(kind, entry, name) {
  const reason = omissions[kind]?.[entry]?.[name];
  if (reason !== undefined && (typeof reason !== 'string' || reason.trim().length < 10)) {
    throw new Error(`omission ${kind} ${entry} ${name}: the reason must be a sentence, got ${JSON.stringify(reason)}`);
  }
  return reason;
}
