// Package sys is the doctor's one door to the machine: running programs,
// reading the environment and files, and knowing which OS it runs on.
//
// Checks never call os/exec, os.Getenv or the file system directly; they
// receive a Machine (or a fake of the interface they declare) instead. Every
// program run through Machine.Run gets a timeout from its context, closed
// stdin, no prompts (GIT_TERMINAL_PROMPT=0, GCM_INTERACTIVE=never, empty
// askpass programs), no pager (AWS_PAGER empty, GIT_PAGER=cat), the C locale
// and a cap on captured output.
package sys
