package awsclient

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
)

// SourceKind says which link of the credential chain supplied credentials.
type SourceKind string

// Source kinds.
const (
	SourceEnvironment  SourceKind = "environment"
	SourceProfile      SourceKind = "profile"
	SourceSSO          SourceKind = "sso"
	SourceProcess      SourceKind = "process"
	SourceAssumeRole   SourceKind = "assume-role"
	SourceWebIdentity  SourceKind = "web-identity"
	SourceContainer    SourceKind = "container"
	SourceInstanceRole SourceKind = "instance-role"
	SourceLogin        SourceKind = "login"
	SourceUnknown      SourceKind = "unknown"
)

// Source says where credentials come from. It never holds a secret.
type Source struct {
	Kind SourceKind
	// Profile is the profile whose settings supply the credentials ("" for
	// the environment, the container or the instance role).
	Profile string
	// File is the file that holds a profile's static keys.
	File string
	// SSOSession, SSOStartURL, SSOAccount and SSORole describe an IAM
	// Identity Center sign-in.
	SSOSession, SSOStartURL, SSOAccount, SSORole string
	// RoleARN is the role assumed (assume-role, web identity).
	RoleARN string
	// SourceProfile is the profile whose credentials assume RoleARN.
	SourceProfile string
	// SessionToken reports whether environment credentials include
	// AWS_SESSION_TOKEN.
	SessionToken bool
}

// String describes the source in words for a report.
func (s Source) String() string {
	switch s.Kind {
	case SourceEnvironment:
		d := "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
		if s.SessionToken {
			d += " (with AWS_SESSION_TOKEN)"
		}
		return d
	case SourceProfile:
		if s.File != "" {
			return fmt.Sprintf("profile %q in %s", s.Profile, s.File)
		}
		return fmt.Sprintf("profile %q", s.Profile)
	case SourceSSO:
		d := fmt.Sprintf("IAM Identity Center (SSO) sign-in of profile %q", s.Profile)
		var parts []string
		if s.SSOSession != "" {
			parts = append(parts, fmt.Sprintf("sso_session %q", s.SSOSession))
		}
		if s.SSOStartURL != "" {
			parts = append(parts, "start URL "+s.SSOStartURL)
		}
		if s.SSOAccount != "" {
			parts = append(parts, "account "+s.SSOAccount)
		}
		if s.SSORole != "" {
			parts = append(parts, "role "+s.SSORole)
		}
		if len(parts) > 0 {
			d += " (" + strings.Join(parts, ", ") + ")"
		}
		return d
	case SourceProcess:
		return fmt.Sprintf("credential_process of profile %q", s.Profile)
	case SourceAssumeRole:
		d := fmt.Sprintf("role %s assumed by profile %q", s.RoleARN, s.Profile)
		if s.SourceProfile != "" {
			d += fmt.Sprintf(" with the credentials of profile %q", s.SourceProfile)
		}
		return d
	case SourceWebIdentity:
		return fmt.Sprintf("web identity token exchanged for role %s", s.RoleARN)
	case SourceContainer:
		return "container credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI)"
	case SourceInstanceRole:
		return "EC2 instance role (instance metadata service)"
	case SourceLogin:
		return fmt.Sprintf("aws login session of profile %q", s.Profile)
	}
	return "an unrecognised credential source"
}

// describeSource reads the chain the SDK built (without calling anything).
func describeSource(chain []aws.CredentialSource, env *config.EnvConfig, shared *config.SharedConfig) Source {
	has := func(kinds ...aws.CredentialSource) bool {
		for _, k := range kinds {
			if slices.Contains(chain, k) {
				return true
			}
		}
		return false
	}
	var s Source
	if shared != nil {
		s.Profile = shared.Profile
	}
	switch {
	case has(aws.CredentialSourceEnvVarsSTSWebIDToken, aws.CredentialSourceProfileSTSWebIDToken, aws.CredentialSourceSTSAssumeRoleWebID):
		s.Kind = SourceWebIdentity
		if env != nil && env.RoleARN != "" {
			s.RoleARN = env.RoleARN
		} else if shared != nil {
			s.RoleARN = shared.RoleARN
		}
	case has(aws.CredentialSourceSTSAssumeRole):
		s.Kind = SourceAssumeRole
		if shared != nil {
			s.RoleARN, s.SourceProfile = shared.RoleARN, shared.SourceProfileName
		}
	case has(aws.CredentialSourceSSO, aws.CredentialSourceSSOLegacy, aws.CredentialSourceProfileSSO, aws.CredentialSourceProfileSSOLegacy):
		s.Kind = SourceSSO
		if shared != nil {
			s.SSOSession, s.SSOStartURL, s.SSOAccount, s.SSORole = shared.SSOSessionName, shared.SSOStartURL, shared.SSOAccountID, shared.SSORoleName
			if shared.SSOSession != nil && s.SSOStartURL == "" {
				s.SSOStartURL = shared.SSOSession.SSOStartURL
			}
		}
	case has(aws.CredentialSourceProcess, aws.CredentialSourceProfileProcess):
		s.Kind = SourceProcess
	case has(aws.CredentialSourceLogin, aws.CredentialSourceProfileLogin):
		s.Kind = SourceLogin
	case has(aws.CredentialSourceHTTP):
		s.Kind, s.Profile = SourceContainer, ""
	case has(aws.CredentialSourceIMDS):
		s.Kind, s.Profile = SourceInstanceRole, ""
	case has(aws.CredentialSourceEnvVars):
		s.Kind, s.Profile = SourceEnvironment, ""
		s.SessionToken = env != nil && env.Credentials.SessionToken != ""
	case has(aws.CredentialSourceProfile):
		s.Kind = SourceProfile
		if shared != nil {
			s.File = sharedFile(shared.Credentials.Source)
		}
	default:
		s.Kind = SourceUnknown
	}
	return s
}

// sharedFile reads the file name from the SDK's "SharedConfigCredentials:
// FILE" source label.
func sharedFile(label string) string {
	_, file, ok := strings.Cut(label, ": ")
	if !ok {
		return ""
	}
	return strings.TrimSpace(file)
}
