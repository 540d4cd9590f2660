package gittrace

import "testing"

func TestGetOnlyWrapperIsUnwrappedInTraces(t *testing.T) {
	wrapped := GetOnly("git credential-store --file ~/.creds")[1:] // git drops the "!"
	h, ok := parseHelper("'" + wrapped + " store'")
	if !ok || h.Name != "store" || h.Action != "store" || h.Command != "git credential-store --file ~/.creds" {
		t.Fatalf("parseHelper = %+v, %v", h, ok)
	}
	h, ok = parseHelper("'" + GetOnly("aws codecommit credential-helper $@")[1:] + " get'")
	if !ok || !h.IsAWS() || h.Action != "get" {
		t.Fatalf("parseHelper = %+v, %v", h, ok)
	}
}
