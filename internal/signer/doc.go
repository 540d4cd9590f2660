// Package signer computes and checks the username and password that the AWS
// CLI's CodeCommit credential helper ("aws codecommit credential-helper get")
// hands to git for HTTPS access to CodeCommit.
//
// This package is the core of codecommit-doctor and is hand-written: it is an
// independent Go implementation of the helper's algorithm, checked byte for
// byte against the installed AWS CLI in its tests. It contains no code copied
// from the AWS CLI.
//
// The algorithm, as the AWS CLI v1 implements it:
//
//   - the helper builds the URL "<protocol>://<host>/<path>" from what git
//     sends on stdin (git sends path without a leading slash, for example
//     "v1/repos/MyDemoRepo"), and signs the path of that URL, so the signed
//     path is normally "/v1/repos/MyDemoRepo" (see [HelperPath]);
//   - the signed host is the host git sent, cut at the first ':' (no port);
//   - timestamp: the current UTC time as YYYYMMDDTHHMMSS;
//   - canonical request: "GIT\n<path>\n\nhost:<host>\n\nhost\n" (no payload
//     hash line);
//   - string to sign: "AWS4-HMAC-SHA256\n<ts>\n<date>/<region>/codecommit/aws4_request\n<hex sha256(canonical request)>";
//   - key: the usual SigV4 derivation from "AWS4"+secret over date, region,
//     "codecommit" and "aws4_request";
//   - password: "<ts>Z<hex signature>"; username: the access key id, plus
//     "%<session token>" when there is one.
//
// The region is taken from the host when it matches the CodeCommit host
// pattern (see ccurl.RegionFromHost), otherwise from --region or the profile.
//
// Nothing in this package prints or returns secrets in errors: the
// [Credentials] type redacts itself when formatted, and errors about a
// password never quote it.
package signer
