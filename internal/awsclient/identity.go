package awsclient

import (
	"fmt"
	"strings"
)

// IdentityType is the kind of principal credentials belong to.
type IdentityType string

// Identity types, as reports name them.
const (
	IdentityIAMUser       IdentityType = "IAM user"
	IdentityAssumedRole   IdentityType = "assumed role"
	IdentitySSORole       IdentityType = "IAM Identity Center (SSO) role"
	IdentityFederatedUser IdentityType = "federated user"
	// IdentityRole is a role itself (--principal), not a session of it.
	IdentityRole    IdentityType = "IAM role"
	IdentityRoot    IdentityType = "root user"
	IdentityUnknown IdentityType = "unknown principal"
)

// SSORolePrefix starts the name of every role IAM Identity Center creates
// for a permission set.
const SSORolePrefix = "AWSReservedSSO_"

// Identity is who sts:GetCallerIdentity says the credentials belong to.
type Identity struct {
	ARN       string
	Account   string
	Partition string
	Type      IdentityType
	// Name is the user name (IAM user), role name (assumed or SSO role) or
	// federated user name; "" for root.
	Name string
	// Path is an IAM user's path ("/" when the ARN has none). A role's path
	// is not in the session ARN: GetRole gives it.
	Path string
	// Session is the role session name of an assumed role.
	Session string
}

// ParseIdentity reads an ARN returned by sts:GetCallerIdentity:
//
//	arn:aws:iam::123456789012:root
//	arn:aws:iam::123456789012:user/division/alice
//	arn:aws:sts::123456789012:assumed-role/RoleName/session
//	arn:aws:sts::123456789012:federated-user/bob
func ParseIdentity(arn, account string) Identity {
	id := Identity{ARN: arn, Account: account, Type: IdentityUnknown}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return id
	}
	id.Partition = parts[1]
	if id.Account == "" {
		id.Account = parts[4]
	}
	service, resource := parts[2], parts[5]
	kind, rest, _ := strings.Cut(resource, "/")
	switch {
	case service == "iam" && resource == "root":
		id.Type = IdentityRoot
	case service == "iam" && kind == "user":
		i := strings.LastIndex(rest, "/")
		if rest[i+1:] == "" {
			return id
		}
		id.Type, id.Name, id.Path = IdentityIAMUser, rest[i+1:], "/"+rest[:i+1]
	case service == "sts" && kind == "assumed-role":
		role, session, ok := strings.Cut(rest, "/")
		if !ok || role == "" {
			return id
		}
		id.Type, id.Name, id.Session = IdentityAssumedRole, role, session
		if strings.HasPrefix(role, SSORolePrefix) {
			id.Type = IdentitySSORole
		}
	case service == "sts" && kind == "federated-user" && rest != "":
		id.Type, id.Name = IdentityFederatedUser, rest
	}
	return id
}

// IsRole reports whether the identity is a role session (assumed or SSO)
// or a role named by --principal.
func (id Identity) IsRole() bool {
	return id.Type == IdentityAssumedRole || id.Type == IdentitySSORole || id.Type == IdentityRole
}

// Describe names the identity in a few words.
func (id Identity) Describe() string {
	switch id.Type {
	case IdentityIAMUser:
		return fmt.Sprintf("IAM user %s", id.Name)
	case IdentityAssumedRole, IdentitySSORole:
		return fmt.Sprintf("%s %s (session %s)", id.Type, id.Name, id.Session)
	case IdentityRole:
		return "IAM role " + id.Name
	case IdentityFederatedUser:
		return "federated user " + id.Name
	case IdentityRoot:
		return "the root user"
	}
	return "principal " + id.ARN
}
