// Package bundle writes the support bundle of `codecommit-doctor bundle`: one
// zip archive with the report, the versions of the programs involved, the git
// settings and AWS profiles that decide how git authenticates, the
// environment variables that matter and the reproduce check's trace.
//
// Redaction is by construction. Only allow-listed content is collected:
// setting and variable names always, values only for names known not to hold
// secrets (a secret's value reads "(set, value hidden)", user information in
// URLs is masked), and from the AWS credentials file nothing but profile
// names and which keys are present. Then the caller's cleaning pass (the
// same redaction the report gets, which also shows the home directory as ~)
// runs over every file, and the archive's total content is bounded
// (MaxSize), truncation noted in the manifest.
//
// One responsibility per file: environment.go (variables), gitconfig.go
// (git settings), awsprofiles.go (AWS profiles), secrets.go (literal
// secrets for the redactor), system.go (versions), collect.go (assembling
// the files), bound.go (size bound), manifest.go and readme.go (the files
// describing the archive), zipfile.go (the atomic, mode-0600 zip writer).
package bundle
