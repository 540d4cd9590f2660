package gittrace

import "strings"

// parseHelper reads a run_command message as a credential helper run. Git
// runs a helper as one shell command string with the action appended
// ("'aws codecommit credential-helper $@ get'", "'git credential-store
// get'"), so the message is a single quoted word ending in get, store or
// erase; older traces may show "git credential-X get" unquoted.
func parseHelper(msg string) (HelperRun, bool) {
	words, ok := splitQuoted(msg)
	if !ok || len(words) == 0 {
		return HelperRun{}, false
	}
	var command, action string
	switch {
	case len(words) == 1:
		cmd := strings.TrimSpace(words[0])
		i := strings.LastIndexAny(cmd, " \t")
		if i < 0 {
			return HelperRun{}, false
		}
		command, action = strings.TrimSpace(cmd[:i]), cmd[i+1:]
	case len(words) >= 3 && words[0] == "git" && strings.HasPrefix(words[1], "credential-"):
		command, action = strings.Join(words[:len(words)-1], " "), words[len(words)-1]
	default:
		return HelperRun{}, false
	}
	if action != "get" && action != "store" && action != "erase" || command == "" {
		return HelperRun{}, false
	}
	if inner, ok := unwrapGetOnly(command); ok {
		command = inner
	}
	return HelperRun{Command: clip(command), Action: action, Name: helperName(command)}, true
}

// helperName gives a helper command a short name.
func helperName(command string) string {
	if strings.Contains(command, "codecommit credential-helper") {
		return "aws"
	}
	fields := strings.Fields(command)
	if len(fields) >= 2 && fields[0] == "git" && strings.HasPrefix(fields[1], "credential-") {
		return strings.TrimPrefix(fields[1], "credential-")
	}
	if i := strings.LastIndex(command, "git-credential-"); i >= 0 {
		rest := command[i+len("git-credential-"):]
		if end := strings.IndexAny(rest, " \t\"'"); end >= 0 {
			rest = rest[:end]
		}
		if rest = trimExe(rest); rest != "" {
			return rest
		}
	}
	first := fields[0]
	if i := strings.LastIndexAny(first, `/\`); i >= 0 && i < len(first)-1 {
		first = first[i+1:]
	}
	return trimExe(first)
}

func trimExe(s string) string {
	if strings.HasSuffix(strings.ToLower(s), ".exe") {
		return s[:len(s)-4]
	}
	return s
}

// splitQuoted splits a run_command message into words the way git quoted
// them (sq_quote: 'word', with '\” for a quote inside; unquoted words
// separated by spaces). ok is false for an unterminated quote.
func splitQuoted(s string) ([]string, bool) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, false
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == '\\' && i+1 < len(s):
			cur.WriteByte(s[i+1])
			i++
			inWord = true
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, true
}
