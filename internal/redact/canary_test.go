package redact

import (
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"strings"
	"testing"
)

// Canary values: distinctive, so that any fragment that survives is found.
const (
	canaryKeyID     = "ASIACANARYKEY0000001"
	canaryKeyMasked = "ASIA****0001"
	canarySecret    = "CANARYsecret/abcdefghijklmnopqrstuvwx+12"
	canaryHex       = "ca11ab1ec0ffee00ca11ab1ec0ffee00ca11ab1ec0ffee00ca11ab1ec0ffee00"
	canarySigned    = "20261126T072702Z" + canaryHex
	canaryURLPass   = "CANARYurlpw-42"
	canaryHelperPW  = `CANARY helper "pw" & <x>`
)

var canaryToken = "IQoJb3JpZ2luX2VjCANARYtoken" + strings.Repeat("Zm9vYmFy/+Q", 12) + "=="

// canaryFragments must not appear anywhere in redacted output.
var canaryFragments = []string{"CANARY", "ca11ab1e", "c0ffee", "Zm9vYmFy", "IQoJb3JpZ2luX2Vj"}

func TestCanaryValues(t *testing.T) {
	if len(canarySecret) != secretKeyLen || len(canaryHex) != 64 || len(canaryToken) < minTokenLen {
		t.Fatalf("bad canaries: secret %d, hex %d, token %d", len(canarySecret), len(canaryHex), len(canaryToken))
	}
}

// canaryDocuments returns the canaries in the shapes they take in the wild.
// needsLiterals marks shapes that only a literal can catch.
func canaryDocuments(t testing.TB) []struct {
	name                      string
	doc                       string
	needsLiterals, wantMasked bool
} {
	t.Helper()
	envDump := "AWS_ACCESS_KEY_ID=" + canaryKeyID + "\nAWS_SECRET_ACCESS_KEY=" + canarySecret +
		"\nAWS_SESSION_TOKEN=" + canaryToken + "\nAWS_SECURITY_TOKEN=" + canaryToken + "\nAWS_REGION=us-east-1\n"
	ini := "[profile dev]\naws_access_key_id = " + canaryKeyID + "\naws_secret_access_key = " + canarySecret +
		"\naws_session_token = " + canaryToken + "\nregion = us-east-1\n"
	credJSON, err := json.Marshal(map[string]any{
		"Version": 1, "AccessKeyId": canaryKeyID, "SecretAccessKey": canarySecret, "SessionToken": canaryToken,
	})
	if err != nil {
		t.Fatal(err)
	}
	stsXML := "<Credentials><AccessKeyId>" + canaryKeyID + "</AccessKeyId><SecretAccessKey>" + canarySecret +
		"</SecretAccessKey><SessionToken>" + canaryToken + "</SessionToken></Credentials>"
	var escapedXML strings.Builder
	if err := xml.EscapeText(&escapedXML, []byte(stsXML+"\n"+envDump)); err != nil {
		t.Fatal(err)
	}
	jsonEscaped, err := json.Marshal(envDump + ini + stsXML)
	if err != nil {
		t.Fatal(err)
	}
	fill := "protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\npath=v1/repos/demo\nusername=" +
		canaryKeyID + "%" + canaryToken + "\npassword=" + canarySigned + "\n"
	github := strings.NewReplacer("%", "%25", "\n", "%0A").Replace(fill)
	presigned := "https://codecommit.us-east-1.amazonaws.com/?Action=GetRepository&X-Amz-Algorithm=AWS4-HMAC-SHA256" +
		"&X-Amz-Credential=" + canaryKeyID + "%2F20261126%2Fus-east-1%2Fcodecommit%2Faws4_request" +
		"&X-Amz-Security-Token=" + url.QueryEscape(canaryToken) + "&X-Amz-Signature=" + canaryHex
	basic := base64.StdEncoding.EncodeToString([]byte(canaryKeyID + "%" + canaryToken + ":" + canarySigned))
	curl := "> GET /v1/repos/demo/info/refs?service=git-upload-pack HTTP/1.1\r\n> Host: git-codecommit.us-east-1.amazonaws.com\r\n" +
		"> Authorization: Basic " + basic + "\r\n> X-Amz-Security-Token: " + canaryToken + "\r\n" +
		"=> Send header: Authorization: Basic <redacted>\r\n"
	helperJSON, err := json.Marshal(map[string]string{"password": canaryHelperPW})
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		name                      string
		doc                       string
		needsLiterals, wantMasked bool
	}{
		{name: "env dump", doc: envDump, wantMasked: true},
		{name: "ini credentials file", doc: ini, wantMasked: true},
		{name: "credential_process json", doc: string(credJSON), wantMasked: true},
		{name: "sts xml", doc: stsXML, wantMasked: true},
		{name: "xml-escaped", doc: escapedXML.String(), wantMasked: true},
		{name: "json-escaped", doc: string(jsonEscaped), wantMasked: true},
		{name: "credential fill", doc: fill, wantMasked: true},
		{name: "github command", doc: "::error title=reproduce::" + github, wantMasked: true},
		{name: "markdown block", doc: "```\n" + envDump + "```\n", wantMasked: true},
		{name: "presigned url", doc: presigned, wantMasked: true},
		{name: "url-encoded form", doc: "aws_secret_access_key=" + url.QueryEscape(canarySecret) + "&x=1"},
		{name: "curl trace", doc: curl},
		{name: "git-credentials", doc: "https://alice:" + canaryURLPass + "@git-codecommit.us-east-1.amazonaws.com\n"},
		{name: "bare in prose", doc: "got " + canarySecret + " and " + canaryToken + " and " + canarySigned + "."},
		{name: "helper password json", doc: string(helperJSON)},
		{name: "helper password line", doc: "password=" + canaryHelperPW + "\n", needsLiterals: true},
		{name: "url-encoded bare", doc: "s=" + url.PathEscape(canarySecret) + " t=" + url.QueryEscape(canaryToken), needsLiterals: true},
	}
}

func TestCanaries(t *testing.T) {
	literal := New(canarySecret, canaryToken, canarySigned, canaryURLPass, canaryHelperPW)
	for _, d := range canaryDocuments(t) {
		for _, mode := range []struct {
			name string
			r    *Redactor
		}{{"builtin", New()}, {"literals", literal}} {
			if d.needsLiterals && mode.name == "builtin" {
				continue
			}
			t.Run(d.name+"/"+mode.name, func(t *testing.T) {
				out := mode.r.String(d.doc)
				for _, frag := range canaryFragments {
					if strings.Contains(out, frag) {
						t.Errorf("%q survived:\n%s", frag, out)
					}
				}
				if d.wantMasked && !strings.Contains(out, canaryKeyMasked) {
					t.Errorf("masked key id %q missing:\n%s", canaryKeyMasked, out)
				}
			})
		}
	}
}
