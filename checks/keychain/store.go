package keychain

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
)

// storeFileLimit bounds how much of a credential store file is read.
const storeFileLimit = 4 << 20

type storeFileEvidence struct {
	Path       string `json:"path"`
	Exists     bool   `json:"exists"`
	CodeCommit int    `json:"codecommit_lines,omitempty"`
}

// storeFileSet is one file and the store helpers of the chain that read it.
type storeFileSet struct {
	path    string
	helpers []int // chain positions of store helpers that read it
}

// storeFileList lists every file a store helper may read: the defaults,
// and every --file of a store helper configured anywhere, in order.
func (k *keychainRun) storeFileList() []storeFileSet {
	home := k.env.Sys.HomeDir()
	xdg := k.env.Sys.Getenv("XDG_CONFIG_HOME")
	var out []storeFileSet
	index := map[string]int{}
	addFiles := func(files []string, pos int) {
		for _, f := range files {
			f = filepath.Clean(f)
			i, ok := index[f]
			if !ok {
				i = len(out)
				index[f] = i
				out = append(out, storeFileSet{path: f})
			}
			if pos >= 0 {
				out[i].helpers = append(out[i].helpers, pos)
			}
		}
	}
	addFiles(gitcred.StoreFiles("", home, xdg, ""), -1)
	for i, h := range k.facts.Chain.Helpers {
		if h.Value.Kind == gitcred.KindStore {
			addFiles(gitcred.StoreFiles(h.Value.StoreFile, home, xdg, k.facts.Dir), i)
		}
	}
	for _, e := range k.facts.Entries {
		if e.Name() != "helper" {
			continue
		}
		if v := gitcred.ParseHelper(e.Value, k.env.Sys.GOOS()); v.Kind == gitcred.KindStore && v.StoreFile != "" {
			addFiles(gitcred.StoreFiles(v.StoreFile, home, xdg, k.facts.Dir), -1)
		}
	}
	return out
}

// isCodeCommitHost reports whether a stored host is a CodeCommit Git host.
func isCodeCommitHost(host string) bool {
	hostname, _, _ := strings.Cut(host, ":")
	if _, ok := ccurl.RegionFromHost(strings.ToLower(hostname)); ok {
		return true
	}
	return strings.Contains(strings.ToLower(hostname), "git-codecommit") && ccurl.IsAWSHelperHost(strings.ToLower(hostname))
}

// storeFiles reads the store helper's files for CodeCommit lines.
func (k *keychainRun) storeFiles() error {
	var evidence []storeFileEvidence
	for _, set := range k.storeFileList() {
		ev := storeFileEvidence{Path: set.path}
		data, err := k.env.Sys.ReadFile(set.path, storeFileLimit)
		switch {
		case err != nil && errors.Is(err, fs.ErrNotExist):
		case err != nil:
			ev.Exists = k.env.Sys.FileExists(set.path)
			if ev.Exists {
				k.add(checks.Finding{Code: "store-file-unreadable", Severity: checks.Error,
					Message: fmt.Sprintf("Could not read %s, a file git's store helper reads: %v.", set.path, err)},
					"could not read "+set.path)
			}
		default:
			ev.Exists = true
			ev.CodeCommit = k.storeFindings(set, gitcred.ParseStoreFile(string(data)))
		}
		k.checked = append(k.checked, set.path)
		evidence = append(evidence, ev)
	}
	k.res.AddEvidence("store_files", evidence)
	return nil
}

// storeFindings reports the CodeCommit lines of one file, one finding per
// host, and returns how many lines there were.
func (k *keychainRun) storeFindings(set storeFileSet, creds []gitcred.StoredCredential) int {
	byHost := map[string][]gitcred.StoredCredential{}
	var hosts []string
	n := 0
	for _, c := range creds {
		if !isCodeCommitHost(c.Host) {
			continue
		}
		n++
		key := c.Protocol + "://" + c.Host
		if _, ok := byHost[key]; !ok {
			hosts = append(hosts, key)
		}
		byHost[key] = append(byHost[key], c)
	}
	for _, key := range hosts {
		k.storeHostFinding(set, byHost[key])
	}
	return n
}

func (k *keychainRun) storeHostFinding(set storeFileSet, lines []gitcred.StoredCredential) {
	first := lines[0]
	used := false
	for _, c := range lines {
		if k.hasURL && c.Answers(k.facts.Request, k.facts.Chain.UseHTTPPath) {
			for _, pos := range set.helpers {
				if k.beforeAWS(pos) {
					used = true
				}
			}
		}
	}
	eraseActions := []action.Action{{Kind: action.StoreErase, File: set.path, Protocol: first.Protocol, Host: first.Host, ExpectLines: len(lines)}}
	erase := action.Render(eraseActions, k.env.Sys.GOOS(), k.env.Sys.HomeDir())[0]
	for _, c := range lines {
		k.stored = append(k.stored, StoredLine{File: set.path, StoredCredential: c, Erase: erase,
			Used: used && c.Answers(k.facts.Request, k.facts.Chain.UseHTTPPath)})
	}
	signed := false
	var shown []string
	for _, c := range lines {
		desc := fmt.Sprintf("line %d: %s", c.Line, k.env.Redact(c.Redacted()))
		if c.Signed {
			signed = true
			desc += fmt.Sprintf(" (a password the AWS CLI helper signed at %s UTC; it expired about 15 minutes later)", c.SignedAt.Format("2006-01-02 15:04:05"))
		} else {
			desc += " (a static password)"
		}
		shown = append(shown, desc)
	}
	where := fmt.Sprintf("%s holds a password for %s://%s:\n%s", set.path, first.Protocol, first.Host, strings.Join(shown, "\n"))
	switch {
	case signed:
		f := checks.Finding{Code: "stored-password-stale", Severity: checks.Warn}
		f.SetActions(k.env, eraseActions)
		if used {
			f.Severity = checks.Fail
			f.Message = where + fmt.Sprintf("\ngit's store helper answers with it for %s before the AWS helper runs: the server says 403, and git never erases it.", k.facts.URL)
		} else {
			f.Message = where + "\ngit does not hand it over for this URL now, but it is a stale password left in a plain-text file, used as soon as a store helper comes first."
		}
		k.add(f, "stale CodeCommit password in "+set.path)
	default:
		msg := where + "\nThis looks like HTTPS Git credentials of an IAM user: they do not expire, but git uses them instead of the AWS helper whenever the store helper comes first, and they stop working when deactivated or deleted."
		if used {
			msg += fmt.Sprintf(" git's store helper answers with it for %s before the AWS helper runs.", k.facts.URL)
		}
		f := checks.Finding{Code: "stored-git-credentials", Severity: checks.Warn, Message: msg}
		f.SetActions(k.env, eraseActions)
		k.add(f, "a static CodeCommit password in "+set.path)
	}
}
