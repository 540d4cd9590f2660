package gitcred

import (
	"slices"
	"strings"
)

// awsValueOptions are AWS CLI global options that take a value.
func awsValueOptions() []string {
	return []string{"--endpoint-url", "--output", "--query", "--ca-bundle", "--cli-read-timeout",
		"--cli-connect-timeout", "--color", "--cli-binary-format"}
}

func isAWSValueOption(w string) bool {
	return slices.Contains(awsValueOptions(), w)
}

func isControlWord(w string) bool {
	switch w {
	case ";", "&", "|", "(", ")", "{", "}", "<", ">":
		return true
	}
	return false
}

// findAWS finds `aws ... codecommit credential-helper ...` in a command:
// as the command itself, or anywhere in a compound command (a shell
// function, say). It returns nil when there is none.
func findAWS(words []string, complex bool) *AWSHelper {
	for i, w := range words {
		if i > 0 && !complex {
			break
		}
		if !strings.EqualFold(programBase(w), "aws") {
			continue
		}
		end := len(words)
		for j := i + 1; j < len(words); j++ {
			if isControlWord(words[j]) {
				end = j
				break
			}
		}
		if a := parseAWSArgs(w, words[i+1:end]); a != nil {
			return a
		}
	}
	return nil
}

// parseAWSArgs reads the arguments after the aws program; nil when they do
// not run the CodeCommit credential helper.
func parseAWSArgs(program string, args []string) *AWSHelper {
	a := &AWSHelper{Program: program}
	seenCC, seenCH, afterProfile := false, false, false
	for j := 0; j < len(args); j++ {
		w := args[j]
		stray := false
		switch {
		case w == "codecommit" && !seenCC:
			seenCC = true
		case w == "credential-helper" && seenCC && !seenCH:
			seenCH = true
		case w == "$@" || w == "$*":
		case w == "--profile":
			a.HasProfile = true
			if j+1 < len(args) && !strings.HasPrefix(args[j+1], "--") && args[j+1] != "$@" {
				a.Profile = args[j+1]
				j++
				afterProfile = true
				continue
			}
		case strings.HasPrefix(w, "--profile="):
			a.HasProfile, a.Profile = true, strings.TrimPrefix(w, "--profile=")
			afterProfile = true
			continue
		case w == "--region" || isAWSValueOption(w):
			if j+1 >= len(args) || args[j+1] == "$@" {
				stray = true // the AWS CLI stops: "expected one argument"
				a.Stray = append(a.Stray, w)
				break
			}
			if w == "--region" {
				a.Region = args[j+1]
			} else {
				a.Options = append(a.Options, w, args[j+1])
			}
			j++
		case strings.HasPrefix(w, "--region="):
			a.Region = strings.TrimPrefix(w, "--region=")
		case w == "--ignore-host-check":
			a.IgnoreHostCheck = true
		case strings.HasPrefix(w, "--"):
			a.Options = append(a.Options, w)
		default:
			stray = true
			a.Stray = append(a.Stray, w)
			if afterProfile {
				if a.ProfileIntended == "" {
					a.ProfileIntended = a.Profile
				}
				a.ProfileIntended += " " + w
				continue
			}
		}
		if !stray {
			afterProfile = false
		}
	}
	if !seenCH {
		return nil
	}
	return a
}

// DefaultAWSHelper is the helper value AWS documents.
const DefaultAWSHelper = "!aws codecommit credential-helper $@"

// Value is the helper value that runs this AWS helper as intended: a
// leading '!', the profile name quoted when it needs it, the profile the
// user meant when the shell split it.
func (a AWSHelper) Value() string {
	var b strings.Builder
	b.WriteString("!" + shellQuoteWord(a.Program))
	profile := a.Profile
	if a.ProfileIntended != "" {
		profile = a.ProfileIntended
	}
	if a.HasProfile && profile != "" {
		b.WriteString(" --profile " + shellQuoteWord(profile))
	}
	if a.Region != "" {
		b.WriteString(" --region " + shellQuoteWord(a.Region))
	}
	for _, o := range a.Options {
		b.WriteString(" " + shellQuoteWord(o))
	}
	b.WriteString(" codecommit credential-helper")
	if a.IgnoreHostCheck {
		b.WriteString(" --ignore-host-check")
	}
	b.WriteString(" $@")
	return b.String()
}

// ProfileName is the profile the helper uses as the user meant it ("" for
// the default chain).
func (a AWSHelper) ProfileName() string {
	if a.ProfileIntended != "" {
		return a.ProfileIntended
	}
	return a.Profile
}
