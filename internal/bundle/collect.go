package bundle

import (
	"context"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
	"github.com/codecommit-doctor/codecommit-doctor/internal/safefile"
)

// Machine is what collecting reads: programs, files and the environment.
type Machine interface {
	Runner
	FileReader
	Environ
}

// Input is what the diagnosis already established.
type Input struct {
	ReportJSON     string
	ReportMarkdown string
	System         System
	GitDirs        []string // see TargetDirs
	AWSPaths       awsconfig.Paths
	Profile        string // see ChosenProfile
	ProfileFrom    string
	Reproduce      string // see ReproduceText
	Home           string // the home directory: a variable naming it reads ~
}

// Collect gathers the archive's content files, in the order the size bound
// keeps them (the report first), every one passed through clean (the
// report's redaction, with the home directory shown as ~).
func Collect(ctx context.Context, m Machine, in Input, clean func(string) string) []File {
	files := []File{
		{Name: "report.json", Description: "the diagnosis as JSON (the report's v1 contract), with evidence", Data: []byte(in.ReportJSON)},
		{Name: "report.md", Description: "the diagnosis as markdown, with evidence", Data: []byte(in.ReportMarkdown)},
		{Name: "system.txt", Description: "the doctor's version, OS and distribution, git --version, aws --version", Data: []byte(SystemText(ctx, m, in.System))},
	}
	var settings []GitSettings
	for i, dir := range in.GitDirs {
		name := "git-config.txt"
		if i > 0 {
			name = fmt.Sprintf("git-config-%d.txt", i+1)
		}
		gs := ReadGitSettings(ctx, m, dir)
		settings = append(settings, gs)
		files = append(files, File{Name: name, Description: "credential.*, http.*, url.*, include* settings git sees, with origin file and scope",
			Data: []byte(gs.Text()), Incomplete: gs.Err})
	}
	files = append(files,
		File{Name: "aws-config.txt", Description: "the AWS profiles that matter, allow-listed values only; credentials file: names only", Data: []byte(awsText(m, in, HelperProfiles(settings)))},
		File{Name: "environment.txt", Description: "the environment variables that matter: names, and values that are not secrets", Data: []byte(environmentText(m, in.Home))},
		File{Name: "reproduce-trace.txt", Description: "the reproduce check's redacted trace of git ls-remote", Data: []byte(in.Reproduce)},
	)
	for i := range files {
		files[i].Data = []byte(clean(string(files[i].Data)))
		files[i].Incomplete = clean(files[i].Incomplete)
	}
	return files
}

// Assemble bounds the content files and adds the manifest and README.txt,
// which go first in the archive. Both are cleaned too.
func Assemble(files []File, m Meta, clean func(string) string) []File {
	bounded := Bound(files, max(0, m.Limit-describingReserve))
	readme, manifest := Readme(bounded, m), Manifest(bounded, m)
	readme.Data = []byte(clean(string(readme.Data)))
	manifest.Data = []byte(clean(string(manifest.Data)))
	return append([]File{readme, manifest}, bounded...)
}

func awsText(m Machine, in Input, helperProfiles []string) string {
	a := AWSFiles{Paths: in.AWSPaths, Profile: in.Profile, ProfileFrom: in.ProfileFrom, HelperProfiles: helperProfiles}
	a.Config, a.ConfigErr = readOptional(m, in.AWSPaths.Config)
	a.Credentials, a.CredsErr = readOptional(m, in.AWSPaths.Credentials)
	return a.Text()
}

// readOptional reads a config file; a missing one is no error.
func readOptional(m FileReader, path string) ([]byte, string) {
	data, err := m.ReadFile(path, safefile.ConfigMaxSize)
	switch {
	case err == nil:
		return data, ""
	case safefile.IsMissing(err):
		return nil, ""
	}
	return nil, err.Error()
}

func environmentText(m Environ, home string) string {
	var b strings.Builder
	b.WriteString("# Environment variables that change what git, its credential helpers and the AWS CLI do.\n")
	b.WriteString("# Names always; values only for variables that cannot hold secrets (proxy passwords masked).\n\n")
	vars := Environment(m)
	if len(vars) == 0 {
		b.WriteString("(none set)\n")
	}
	for _, v := range vars {
		if home != "" && v.Value == home {
			v.Value = "~"
		}
		fmt.Fprintf(&b, "%s=%s\n", v.Name, v.Value)
	}
	return b.String()
}
