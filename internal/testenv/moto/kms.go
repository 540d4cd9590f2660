package moto

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
)

// KMS returns a KMS client for region like IAM.
func (s *Server) KMS(region string) *kms.Client {
	return kms.New(kms.Options{Region: region, BaseEndpoint: aws.String(s.URL), Credentials: adminCreds()})
}

// SetRepositoryKey makes the proxy add kmsKeyId to GetRepository's answer
// for repo. moto 5.x keeps no key for a repository and leaves kmsKeyId out
// of GetRepository, while the real service always names the key; the
// doctor's KMS reads (DescribeKey, GetKeyPolicy, ListGrants) then go to
// moto's real KMS.
func (s *Server) SetRepositoryKey(repo, keyID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.repoKeys == nil {
		s.repoKeys = map[string]string{}
	}
	s.repoKeys[repo] = keyID
}

// SetAWSManaged makes the proxy answer DescribeKey for the key with
// KeyManager AWS: moto creates no AWS managed keys (alias/aws/codecommit
// does not exist in it), so a key made with CreateKey stands in for one.
func (s *Server) SetAWSManaged(keyID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.awsManaged == nil {
		s.awsManaged = map[string]bool{}
	}
	s.awsManaged[keyID] = true
}

// modifyResponse fixes moto's answers (fixCodeCommit) and adds what moto
// leaves out (SetRepositoryKey, SetAWSManaged).
func (s *Server) modifyResponse(resp *http.Response) error {
	if err := fixCodeCommit(resp); err != nil {
		return err
	}
	target := resp.Request.Header.Get("X-Amz-Target")
	if resp.StatusCode != http.StatusOK {
		return nil
	}
	switch {
	case strings.HasSuffix(target, ".GetRepository"):
		return rewriteJSON(resp, func(doc map[string]any) {
			meta, _ := doc["repositoryMetadata"].(map[string]any)
			if meta == nil {
				return
			}
			name, _ := meta["repositoryName"].(string)
			s.mu.Lock()
			key := s.repoKeys[name]
			s.mu.Unlock()
			if key != "" {
				meta["kmsKeyId"] = key
			}
		})
	case target == "TrentService.DescribeKey":
		return rewriteJSON(resp, func(doc map[string]any) {
			meta, _ := doc["KeyMetadata"].(map[string]any)
			if meta == nil {
				return
			}
			id, _ := meta["KeyId"].(string)
			s.mu.Lock()
			managed := s.awsManaged[id]
			s.mu.Unlock()
			if managed {
				meta["KeyManager"] = "AWS"
			}
		})
	}
	return nil
}

// rewriteJSON lets edit change a JSON answer.
func rewriteJSON(resp *http.Response, edit func(map[string]any)) error {
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	if err != nil {
		return err
	}
	var doc map[string]any
	if json.Unmarshal(body, &doc) == nil {
		edit(doc)
		if fixed, err := json.Marshal(doc); err == nil {
			body = fixed
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return nil
}
