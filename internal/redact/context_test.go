package redact

import "testing"

func TestSecretContexts(t *testing.T) {
	const v = "lowercaseonlysecretvalue" // no shape: only its name gives it away
	runCases(t, New(), []redactCase{
		{"ini", "aws_secret_access_key = " + v + "\n", "aws_secret_access_key = ****\n"},
		{"env", "AWS_SECRET_ACCESS_KEY=" + v + "\n", "AWS_SECRET_ACCESS_KEY=****\n"},
		{"shell quoted", "export AWS_SECRET_ACCESS_KEY='" + v + "'", "export AWS_SECRET_ACCESS_KEY='****'"},
		{"json", `{"SecretAccessKey": "` + v + `"}`, `{"SecretAccessKey": "****"}`},
		{"json in json", `"{\"SecretAccessKey\":\"` + v + `\"}"`, `"{\"SecretAccessKey\":\"****\"}"`},
		{"json slash escape", `{"SecretAccessKey":"abc\/` + v + `"}`, `{"SecretAccessKey":"****"}`},
		{"xml element", "<SecretAccessKey>" + v + "</SecretAccessKey>", "<SecretAccessKey>****</SecretAccessKey>"},
		{"xml escaped", "&lt;SecretAccessKey&gt;" + v + "&lt;/SecretAccessKey&gt;", "&lt;SecretAccessKey&gt;****&lt;/SecretAccessKey&gt;"},
		{"json escaped xml", `\u003cSecretAccessKey\u003e` + v + `\u003c/SecretAccessKey\u003e`, `\u003cSecretAccessKey\u003e****\u003c/SecretAccessKey\u003e`},
		{"xml attribute quote", "secret_key=&quot;" + v + "&quot;", "secret_key=&quot;****&quot;"},
		{"yaml secret_key", "secret_key: " + v, "secret_key: ****"},
		{"camel secretKey", "secretKey=" + v, "secretKey=****"},
		// Near misses: left alone.
		{"short value", "AWS_SECRET_ACCESS_KEY=test", "AWS_SECRET_ACCESS_KEY=test"},
		{"prose", "AWS_SECRET_ACCESS_KEY: unset", "AWS_SECRET_ACCESS_KEY: unset"},
		{"longer name", "secret_key_id = " + v, "secret_key_id = " + v},
		{"access key id name", "aws_access_key_id = " + v, "aws_access_key_id = " + v},
		{"empty value", "aws_secret_access_key =\nregion = us-east-1", "aws_secret_access_key =\nregion = us-east-1"},
	})
}

func TestSessionTokenContexts(t *testing.T) {
	const v = "shorttokenvalue0123" // too short for the base64 shape
	runCases(t, New(), []redactCase{
		{"ini", "aws_session_token = " + v, "aws_session_token = ****"},
		{"env", "AWS_SESSION_TOKEN=" + v + "\nAWS_REGION=us-east-1", "AWS_SESSION_TOKEN=****\nAWS_REGION=us-east-1"},
		{"security token env", "AWS_SECURITY_TOKEN=" + v, "AWS_SECURITY_TOKEN=****"},
		{"json", `"SessionToken": "` + v + `",`, `"SessionToken": "****",`},
		{"xml", "<SessionToken>" + v + "</SessionToken>", "<SessionToken>****</SessionToken>"},
		{"query", "?X-Amz-Security-Token=abc%2Fdef%2B" + v + "&X-Amz-Date=20261126T072702Z",
			"?X-Amz-Security-Token=****&X-Amz-Date=20261126T072702Z"},
		{"header", "> X-Amz-Security-Token: " + v + "\r\n", "> X-Amz-Security-Token: ****\r\n"},
		{"lower-case header", "x-amz-security-token:" + v, "x-amz-security-token:****"},
		// Near misses: left alone.
		{"expiry name", "SessionTokenExpiration: 2026-11-26T08:00:00Z", "SessionTokenExpiration: 2026-11-26T08:00:00Z"},
		{"prose", "AWS_SESSION_TOKEN: expired", "AWS_SESSION_TOKEN: expired"},
	})
}

func TestPasswords(t *testing.T) {
	const signed = "20261126T072702Z" + sigHex
	runCases(t, New(), []redactCase{
		{"signed alone", "pw " + signed + " end", "pw 20261126T072702Z**** end"},
		{"credential fill", "protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\nusername=AKIAIOSFODNN7EXAMPLE\npassword=" + signed + "\n",
			"protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\nusername=AKIA****MPLE\npassword=20261126T072702Z****\n"},
		{"other helper password", "password=correct horse battery\nquit=1", "password=****\nquit=1"},
		{"short password", "password=hunter2", "password=****"},
		{"password in json string", `"out":"username=bob\npassword=hunter2\n"`, `"out":"username=bob\npassword=****\n"`},
		{"password in github command", "::error::password=hunter22%0Anext line", "::error::password=****%0Anext line"},
		{"password in xml", "<x>password=a&amp;b&#10;next</x>", "<x>password=****&#10;next</x>"},
		{"json key", `{"password":"p\"ss\\w"}`, `{"password":"****"}`},
		{"json key signed", `{"Password": "` + signed + `"}`, `{"Password": "20261126T072702Z****"}`},
		{"escaped json key", `"{\"password\":\"p\\\"ss\"}"`, `"{\"password\":\"****\"}"`},
		{"username with session token", "username=ASIAY34FZKBOKMUTVV7A%" + exampleToken[:60] + "\n",
			"username=ASIA****VV7A%****\n"},
		{"username with url-encoded token", "ASIAY34FZKBOKMUTVV7A%25IQoJb3JpZ2luX2Vj%2Fabc%2Bdefghijklmnopqrstuvwxyz%3D@host",
			"ASIA****VV7A%25****@host"},
		{"username in github command", "::error::username=ASIAY34FZKBOKMUTVV7A%25" + exampleToken[:60] + "%0Apassword=hunter22%0Aend",
			"::error::username=ASIA****VV7A%25****%0Apassword=****%0Aend"},
		// Near misses: left alone.
		{"63 hex digits", "20261126T072702Z" + sigHex[1:], "20261126T072702Z" + sigHex[1:]},
		{"prompt", "Password for 'https://git-codecommit.us-east-1.amazonaws.com': ", "Password for 'https://git-codecommit.us-east-1.amazonaws.com': "},
		{"passwords=", "passwords=several", "passwords=several"},
		{"credential scope after key", "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request",
			"X-Amz-Credential=AKIA****MPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"},
	})
}

func TestSignaturesAndAuthorization(t *testing.T) {
	runCases(t, New(), []redactCase{
		{"sigv4 header",
			"Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-date, Signature=" + sigHex,
			"Authorization: AWS4-HMAC-SHA256 Credential=AKIA****MPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-date, Signature=****"},
		{"presigned", "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + sigHex + "&x=1", "&X-Amz-SignedHeaders=host&X-Amz-Signature=****&x=1"},
		{"x-amz-signature any value", "X-Amz-Signature=abcdef", "X-Amz-Signature=****"},
		{"curl basic", "> Authorization: Basic QUtJQTpwYXNz\r\n", "> Authorization: Basic ****\r\n"},
		{"bearer", "authorization: Bearer eyJhbGciOi.eyJzdWIi.SflKxw", "authorization: Bearer ****"},
		{"proxy authorization", "Proxy-Authorization: Basic dXNlcjpwYXNz", "Proxy-Authorization: Basic ****"},
		// Near misses: left alone.
		{"git already redacted", "=> Send header: Authorization: Basic <redacted>", "=> Send header: Authorization: Basic <redacted>"},
		{"challenge", `< WWW-Authenticate: Basic realm="AWS CodeCommit"`, `< WWW-Authenticate: Basic realm="AWS CodeCommit"`},
		{"short signature", "Signature=abc123", "Signature=abc123"},
		{"signed headers", "SignedHeaders=host;x-amz-date", "SignedHeaders=host;x-amz-date"},
	})
}

func TestURLCredentials(t *testing.T) {
	runCases(t, New(), []redactCase{
		{"user and password", "https://alice:s3cr3t@git-codecommit.us-east-1.amazonaws.com/v1/repos/demo",
			"https://alice:****@git-codecommit.us-east-1.amazonaws.com/v1/repos/demo"},
		{"git-credentials line", "https://alice-at-123456789012:AbC%2BdEf%2Fgh%3D@git-codecommit.eu-west-1.amazonaws.com\n",
			"https://alice-at-123456789012:****@git-codecommit.eu-west-1.amazonaws.com\n"},
		{"password with colon", "http://u:a:b@h", "http://u:****@h"},
		{"json escaped password", `"https://u:p\u0026w@h"`, `"https://u:****@h"`},
		{"key id and token as user", "https://ASIAY34FZKBOKMUTVV7A%25" + exampleToken[:50] + ":" + "20261126T072702Z" + sigHex + "@h/",
			"https://ASIA****VV7A%25****:****@h/"},
		// Near misses: left alone.
		{"user only", "https://alice@host/repo", "https://alice@host/repo"},
		{"port", "https://host:443/repo", "https://host:443/repo"},
		{"ssh", "ssh://git@host:22/repo", "ssh://git@host:22/repo"},
		{"at in path", "https://host:443/a@b", "https://host:443/a@b"},
		{"codecommit remote", "codecommit::us-east-2://profile@MyDemoRepo", "codecommit::us-east-2://profile@MyDemoRepo"},
	})
}
