package gitcred

import (
	"fmt"
	"strings"
)

// Forms of a helper value, by how git turns it into a command.
const (
	FormShell = "shell" // "!cmd": git runs cmd through the shell
	FormPath  = "path"  // an absolute path: git runs it as it is
	FormName  = "name"  // NAME: git runs "git credential-NAME"
	FormEmpty = "empty" // the empty value
)

// Problem codes of helper values.
const (
	ProblemUnbalancedQuotes = "unbalanced-quotes" // a quote is never closed
	ProblemMissingBang      = "missing-bang"      // an AWS command without the leading '!'
	ProblemQuotedValue      = "quoted-value"      // the value itself starts with a quote character
	ProblemProfileUnquoted  = "profile-unquoted"  // --profile NAME WITH SPACES, unquoted
	ProblemProfileNoValue   = "profile-no-value"  // --profile at the end
	ProblemStrayArguments   = "stray-arguments"   // words the AWS CLI rejects
)

// Problem is something that stops a helper value from working.
type Problem struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// AWSHelper is what an `aws ... codecommit credential-helper` value says.
type AWSHelper struct {
	// Program is the aws program as written: "aws", "/usr/local/bin/aws",
	// "aws.cmd", "C:\Program Files\Amazon\AWSCLIV2\aws.exe".
	Program string `json:"program"`
	// Profile is the --profile value, if any (after shell unquoting).
	Profile    string `json:"profile,omitempty"`
	HasProfile bool   `json:"has_profile,omitempty"`
	// ProfileIntended is the profile name the user most likely meant when
	// an unquoted name with spaces was split by the shell.
	ProfileIntended string `json:"profile_intended,omitempty"`
	// Region is the --region value, if any.
	Region string `json:"region,omitempty"`
	// IgnoreHostCheck is --ignore-host-check.
	IgnoreHostCheck bool `json:"ignore_host_check,omitempty"`
	// Options are other global options with their values, in order.
	Options []string `json:"options,omitempty"`
	// Stray are words the AWS CLI does not expect.
	Stray []string `json:"stray,omitempty"`
}

// HelperValue is a credential.helper value read the way git runs it.
type HelperValue struct {
	Raw  string `json:"raw"`
	Form string `json:"form"`
	Kind Kind   `json:"kind"`
	// Command is the command line git hands the shell, before it appends
	// the operation (get, store, erase).
	Command string `json:"command"`
	// Words is Command split as the shell would.
	Words []string `json:"-"`
	// AWS is set for the AWS CLI helper.
	AWS *AWSHelper `json:"aws,omitempty"`
	// StoreFile is the --file of the store helper, if given.
	StoreFile string `json:"store_file,omitempty"`
	// Problems say why git cannot run it as intended.
	Problems []Problem `json:"problems,omitempty"`
}

// Runs reports whether git can run the helper as intended.
func (h HelperValue) Runs() bool { return h.Raw != "" && len(h.Problems) == 0 }

// HasProblem reports whether the value has a problem with that code.
func (h HelperValue) HasProblem(code string) bool {
	for _, p := range h.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

func (h *HelperValue) problem(code, format string, args ...any) {
	h.Problems = append(h.Problems, Problem{Code: code, Message: fmt.Sprintf(format, args...)})
}

// ParseHelper reads a credential.helper value as git (credential_do) and
// the shell will run it on goos.
func ParseHelper(value, goos string) HelperValue {
	h := HelperValue{Raw: value}
	switch {
	case value == "":
		h.Form, h.Kind = FormEmpty, KindEmpty
		h.Command = "git credential-"
		return h
	case value[0] == '!':
		h.Form, h.Command = FormShell, value[1:]
	case isAbsolutePath(value, goos):
		h.Form, h.Command = FormPath, value
	default:
		h.Form, h.Command = FormName, "git credential-"+value
	}
	words, complex, err := shellWords(h.Command)
	h.Words = words
	if err != nil {
		h.problem(ProblemUnbalancedQuotes, "the shell cannot run `%s`: %v", h.Command, err)
		// Read what was meant: the words with their quote characters dropped.
		words = strings.Fields(strings.NewReplacer(`"`, "", "'", "").Replace(h.Command))
		complex = false
	}
	if h.Form == FormName {
		h.classifyName(value, goos)
		return h
	}
	h.classifyCommand(words, complex)
	return h
}

// classifyName handles NAME values, and AWS commands that lost their '!'
// or gained quotes.
func (h *HelperValue) classifyName(value, goos string) {
	if q := value[0]; q == '\'' || q == '"' {
		inner := strings.TrimSuffix(value[1:], string(q))
		if innerH := ParseHelper(inner, goos); innerH.Kind == KindAWSCLI {
			h.Kind, h.AWS = KindAWSCLI, innerH.AWS
			h.Problems = nil
			h.problem(ProblemQuotedValue, "the value starts with a %c character: git does not remove quotes here (they belong to the shell that ran `git config`), so it runs `git credential-%s`, which does not exist", q, value)
			return
		}
	}
	words, complex, _ := shellWords(value)
	if aws := findAWS(words, complex); aws != nil {
		h.Kind, h.AWS = KindAWSCLI, aws
		h.problem(ProblemMissingBang, "the value does not start with `!`: git runs `git credential-%s get`, which does not exist", value)
		return
	}
	if len(h.Words) >= 2 {
		h.Kind = kindOfName(strings.TrimPrefix(h.Words[1], "credential-"))
		h.readOptions(h.Words[2:])
		return
	}
	h.Kind = KindOther
}

// classifyCommand handles "!cmd" and absolute-path values.
func (h *HelperValue) classifyCommand(words []string, complex bool) {
	if aws := findAWS(words, complex); aws != nil {
		h.Kind, h.AWS = KindAWSCLI, aws
		h.awsProblems()
		return
	}
	h.Kind = KindOther
	if len(words) == 0 {
		return
	}
	base := programBase(words[0])
	switch {
	case strings.HasPrefix(base, "git-credential-"):
		h.Kind = kindOfName(strings.TrimPrefix(base, "git-credential-"))
		h.readOptions(words[1:])
	case base == "git" && len(words) > 1 && strings.HasPrefix(words[1], "credential-"):
		h.Kind = kindOfName(strings.TrimPrefix(words[1], "credential-"))
		h.readOptions(words[2:])
	}
}

// readOptions picks up the store helper's --file.
func (h *HelperValue) readOptions(args []string) {
	if h.Kind != KindStore {
		return
	}
	for i, a := range args {
		if v, ok := strings.CutPrefix(a, "--file="); ok {
			h.StoreFile = v
		} else if a == "--file" && i+1 < len(args) {
			h.StoreFile = args[i+1]
		}
	}
}

func (h *HelperValue) awsProblems() {
	a := h.AWS
	switch {
	case a.ProfileIntended != "":
		h.problem(ProblemProfileUnquoted, "the profile name %q has spaces but is not quoted: the shell splits it and the AWS CLI gets --profile %s and the stray %s", a.ProfileIntended, a.Profile, strings.Join(a.Stray, " "))
	case len(a.Stray) > 0:
		h.problem(ProblemStrayArguments, "the AWS CLI rejects the unexpected argument(s) %s", strings.Join(a.Stray, " "))
	}
	if a.HasProfile && a.Profile == "" {
		h.problem(ProblemProfileNoValue, "--profile has no profile name after it")
	}
}

// Label names a helper kind for people.
func (k Kind) Label() string {
	switch k {
	case KindOSXKeychain:
		return "osxkeychain (macOS Keychain)"
	case KindManager, KindManagerCore:
		return "Git Credential Manager"
	case KindWincred:
		return "wincred (Windows Credential Manager)"
	case KindStore:
		return "store (plain-text file)"
	case KindCache:
		return "cache (in memory)"
	case KindLibsecret:
		return "libsecret"
	case KindGnomeKeyring:
		return "gnome-keyring"
	case KindAWSCLI:
		return "the AWS CLI helper"
	}
	return "another helper"
}
