package report

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// evidenceText shows evidence for people: "key: value" lines, lists one
// item per line, nested objects indented; the JSON form stays in -o json.
func evidenceText(ev map[string]any, indent string) string {
	var b strings.Builder
	writeValue(&b, generic(ev), indent)
	return b.String()
}

// generic turns any value into maps, slices and scalars, as JSON sees it.
func generic(v any) any {
	switch v.(type) {
	case string, bool, int, int64, float64, nil:
		return v
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("(cannot show: %v)", err)
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		return string(raw)
	}
	return out
}

func writeValue(b *strings.Builder, v any, indent string) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			writeKeyed(b, indent, k+":", x[k])
		}
	case []any:
		for _, item := range x {
			writeKeyed(b, indent, "-", item)
		}
	default:
		fmt.Fprintf(b, "%s%s\n", indent, scalar(x))
	}
}

// writeKeyed writes "key: value" (or "- value"): scalars on the same line,
// multi-line text and nested values below it, indented.
func writeKeyed(b *strings.Builder, indent, label string, v any) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			fmt.Fprintf(b, "%s%s (none)\n", indent, label)
			return
		}
		fmt.Fprintf(b, "%s%s\n", indent, label)
		writeValue(b, x, indent+"  ")
	case []any:
		if len(x) == 0 {
			fmt.Fprintf(b, "%s%s (none)\n", indent, label)
			return
		}
		fmt.Fprintf(b, "%s%s\n", indent, label)
		writeValue(b, x, indent+"  ")
	case string:
		if strings.Contains(strings.TrimRight(x, "\n"), "\n") {
			fmt.Fprintf(b, "%s%s |\n", indent, label)
			for l := range strings.SplitSeq(strings.TrimRight(x, "\n"), "\n") {
				fmt.Fprintf(b, "%s    %s\n", indent, l)
			}
			return
		}
		fmt.Fprintf(b, "%s%s %s\n", indent, label, scalar(x))
	default:
		fmt.Fprintf(b, "%s%s %s\n", indent, label, scalar(x))
	}
}

func scalar(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case string:
		if x == "" {
			return `""`
		}
		return strings.TrimRight(x, "\n")
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprintf("%d", int64(x))
		}
		return fmt.Sprintf("%g", x)
	default:
		return fmt.Sprint(x)
	}
}
