// Package gittrace reads what git prints on stderr when it runs with
// GIT_TRACE=1, GIT_TRACE_CURL=1 and GIT_TRACE_CURL_NO_DATA=1: which
// credential helpers git ran and what they printed, which helper's
// credentials git sent, the HTTP requests and the statuses that came back,
// curl's own messages, and git's final error.
//
// A trace line looks like
//
//	07:46:43.099125 run-command.c:655       trace: run_command: 'aws codecommit credential-helper $@ get'
//	07:46:43.099053 http.c:684              <= Recv header: HTTP/1.1 401 Unauthorized
//
// and every other line (a helper's complaint such as `'path'`, git's
// "fatal: ..." line) is the program's own output. Git redacts the
// Authorization header in traces (GIT_TRACE_REDACT, on by default); the
// parser nevertheless never keeps header values, only the facts it needs,
// and keeps only the access key id part of a user name ("AKIA...%TOKEN"
// loses the token). Callers should still redact the text before Parse.
//
// Which helper answered is inferred from the order of events, as git works:
// after a 401 git runs the helpers' "get" in order and stops at the first
// that returns a user name and password, then repeats the request with
// them. So the last "get" before the next authenticated request is the
// helper whose credentials were sent; the helpers run before it printed
// nothing useful.
package gittrace
