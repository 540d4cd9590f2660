// Package checks is the doctor's framework: the Check interface, the typed
// facts checks hand each other (Key), the Env a check receives, Result and
// Status, the graph validation and the concurrent Runner. Each check lives
// in a package of its own under checks/ (checks/git, checks/credhelper,
// ...); checks/all lists them; hidden fact providers (checks/chain,
// checks/signing, checks/githttp) compute what several checks read and
// report nothing.
//
// # Adding a check
//
//  1. Create checks/NAME with a type implementing Check. Info gives a
//     stable ID, a Title, a Description for `explain`, and every finding
//     code the check can emit (Findings): tests fail for a code that is
//     not documented.
//  2. Declare what the check reads: Requires lists keys whose producer must
//     pass or warn (else the check is skipped, naming it); After lists keys
//     read when present. A check with Needs.Target lists checks.TargetKey.
//     Import the producer's package for its Key: the import graph is the
//     dependency graph, so reading a fact without declaring its producer
//     does not compile.
//  3. To hand facts to later checks, declare
//     `var Key = checks.NewKey[*Facts](ID)`, list it in Gives and publish
//     with Key.Set(&res, facts). Publish facts for what others decide on,
//     never finding codes for them to match.
//  4. Add one line to checks/all. Validate (run before every run, and by
//     the test in checks/all) rejects duplicate ids, unknown keys, cycles
//     and a target check that does not wait for the target.
//  5. Unit-test with checks/checkstest (Run asserts the codes are
//     documented) and add an end-to-end script under
//     cmd/codecommit-doctor/testdata/scripts.
//
// # Several targets
//
// Runner.RunTargets diagnoses several repositories in one run: the checks
// that do not wait for the target, directly or through another check
// (TargetDependent), run once; the others run once per TargetSpec, with an
// Env whose Options.Target is that target (the `remote` check diagnoses
// it) and which sees the shared results, at most a few targets at a time.
// A check therefore runs once per target as soon as it reads TargetKey:
// read the target only when the result depends on it.
package checks
