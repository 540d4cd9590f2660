// Package remedy holds the remediation steps and documentation links that
// several checks print, so the same problem gets the same fix wherever it
// is found.
package remedy

import "github.com/codecommit-doctor/codecommit-doctor/internal/shellword"

// Documentation links.
const (
	HTTPSSetupDocs  = "https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-https-unixes.html"
	HelperDocs      = HTTPSSetupDocs + "#setting-up-https-unixes-credential-helper"
	GitDocs         = HTTPSSetupDocs + "#setting-up-https-unixes-install-git"
	GRCDocs         = "https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-git-remote-codecommit.html"
	SSHDocs         = "https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-ssh-unixes.html"
	AWSCLIDocs      = "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
	CredentialsDocs = "https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-configure.html"
	RegionsDocs     = "https://docs.aws.amazon.com/codecommit/latest/userguide/regions.html"
	PermissionsDocs = "https://docs.aws.amazon.com/codecommit/latest/userguide/auth-and-access-control-permissions-reference.html"
	SimulateDocs    = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_testing-policies.html"
	KMSDocs         = "https://docs.aws.amazon.com/codecommit/latest/userguide/encryption.html"
	BranchRulesDocs = "https://docs.aws.amazon.com/codecommit/latest/userguide/how-to-conditional-branch.html"
	KeychainDocs    = "https://docs.aws.amazon.com/codecommit/latest/userguide/troubleshooting-ch.html#troubleshooting-macoshttps"
	TroubleDocs     = "https://docs.aws.amazon.com/codecommit/latest/userguide/troubleshooting-ch.html"
)

// WildcardSection is the credential.<url> section that covers every
// regional CodeCommit host (Git 2.26+).
const WildcardSection = "https://git-codecommit.*.amazonaws.com"

// DefaultAWSHelper is the helper value AWS documents.
const DefaultAWSHelper = "!aws codecommit credential-helper $@"

// InstallGit installs or upgrades Git on goos.
func InstallGit(goos string) []string {
	switch goos {
	case "darwin":
		return []string{"xcode-select --install", "or, for a newer Git: brew install git"}
	case "windows":
		return []string{"winget install --id Git.Git -e --source winget"}
	default:
		return []string{"sudo apt-get install -y git   # Debian, Ubuntu", "sudo dnf install -y git       # Fedora, RHEL, Amazon Linux"}
	}
}

// AWS CLI v1's support dates: maintenance mode (security and critical
// fixes only) from AWSCLIV1Maintenance, no support from AWSCLIV1EndOfSupport.
const (
	AWSCLIV1Maintenance  = "2026-08-05"
	AWSCLIV1EndOfSupport = "2027-07-15"
)

// AWSCLIV2MigrationDocs is the guide to moving from AWS CLI v1 to v2.
const AWSCLIV2MigrationDocs = "https://docs.aws.amazon.com/cli/latest/userguide/cliv2-migration.html"

// InstallAWSCLI installs or upgrades to AWS CLI v2 on goos (v1 is in
// maintenance, so it is never proposed). Homebrew's awscli and winget's
// Amazon.AWSCLI are v2.
func InstallAWSCLI(goos string) []string {
	switch goos {
	case "darwin":
		return []string{"brew install awscli   # AWS CLI v2", "or the AWS CLI v2 installer: " + AWSCLIDocs}
	case "windows":
		return []string{"winget install --id Amazon.AWSCLI -e --source winget   # AWS CLI v2"}
	default:
		return []string{
			`curl -sSfo /tmp/awscliv2.zip "https://awscli.amazonaws.com/awscli-exe-linux-$(uname -m).zip" && unzip -qo /tmp/awscliv2.zip -d /tmp && sudo /tmp/aws/install --update   # AWS CLI v2`,
			"or see " + AWSCLIDocs,
		}
	}
}

// ClockFix synchronises the clock on goos.
func ClockFix(goos string) []string {
	switch goos {
	case "darwin":
		return []string{"sudo sntp -sS time.apple.com", "or System Settings > General > Date & Time: Set time and date automatically"}
	case "windows":
		return []string{"w32tm /resync   # in an administrator prompt", "or Settings > Time & language > Date & time: Sync now"}
	}
	return []string{"sudo timedatectl set-ntp true", "timedatectl status   # System clock synchronized: yes"}
}

// HelperSection is the canonical fix of failure mode 1: in the config
// written by gitConfig (e.g. "git config --global"), a credential.<url>
// section that resets the helper list, then runs the AWS helper awsValue,
// then turns UseHttpPath on.
func HelperSection(gitConfig, sectionURL, awsValue, goos string) []string {
	key := "credential." + sectionURL
	q := func(s string) string { return shellword.Quote(s, goos) }
	return []string{
		gitConfig + " --replace-all " + q(key+".helper") + " " + q(""),
		gitConfig + " --add " + q(key+".helper") + " " + q(awsValue),
		gitConfig + " " + q(key+".UseHttpPath") + " true",
	}
}

// UseHTTPPath turns UseHttpPath on for sectionURL.
func UseHTTPPath(gitConfig, sectionURL, goos string) string {
	return gitConfig + " " + shellword.Quote("credential."+sectionURL+".UseHttpPath", goos) + " true"
}

// NoNetwork is the remedy of a machine without a network. Running the
// doctor with --offline fixes nothing, so it is said as a way to go on,
// not given as a command of the fix plan.
func NoNetwork() []string {
	return []string{
		"Connect to the network (or the VPN) the repository is reached through, then run the doctor again.",
		"Or run `codecommit-doctor --offline` to check only this machine meanwhile.",
	}
}
