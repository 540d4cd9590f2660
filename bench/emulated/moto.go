package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codecommit"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
)

// motoServer is a running moto_server.
type motoServer struct {
	url string
	cmd *exec.Cmd
	log *os.File
}

// startMoto runs moto_server on a free loopback port (IAM managed policies
// loaded, no signature checks: the benchmark measures speed, not
// authorisation) and waits until it answers.
func startMoto(ctx context.Context, logPath string) (*motoServer, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("finding a free port: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("moto_server", "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Env = append(os.Environ(), "MOTO_IAM_LOAD_MANAGED_POLICIES=true")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("starting moto_server: %w", err)
	}
	m := &motoServer{url: "http://127.0.0.1:" + strconv.Itoa(port), cmd: cmd, log: logf}
	client := &http.Client{Timeout: time.Second}
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.url+"/moto-api/data.json", nil)
		if err != nil {
			m.stop()
			return nil, err
		}
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return m, nil
			}
		}
		select {
		case <-ctx.Done():
			m.stop()
			return nil, fmt.Errorf("moto_server did not answer at %s: %w (see %s)", m.url, ctx.Err(), logPath)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (m *motoServer) stop() {
	_ = m.cmd.Process.Kill()
	_ = m.cmd.Wait()
	m.log.Close()
}

type accessKey struct{ id, secret string }

// setup creates the user (with AWSCodeCommitPowerUser), its access key and
// the repository.
func (m *motoServer) setup(ctx context.Context, repos ...string) (accessKey, error) {
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIAMOTOSETUP0000000", SecretAccessKey: "setup"}, nil
	})
	ic := iam.New(iam.Options{Region: "us-east-1", BaseEndpoint: aws.String(m.url), Credentials: creds})
	if _, err := ic.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bench")}); err != nil {
		return accessKey{}, fmt.Errorf("creating the user: %w", err)
	}
	if _, err := ic.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("bench"),
		PolicyArn: aws.String("arn:aws:iam::aws:policy/AWSCodeCommitPowerUser")}); err != nil {
		return accessKey{}, fmt.Errorf("attaching AWSCodeCommitPowerUser: %w", err)
	}
	out, err := ic.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("bench")})
	if err != nil {
		return accessKey{}, fmt.Errorf("creating the access key: %w", err)
	}
	cc := codecommit.New(codecommit.Options{Region: "us-east-1", BaseEndpoint: aws.String(m.url), Credentials: creds})
	// moto answers with dates the SDK cannot read: the repository is made
	// all the same.
	var dateErr *smithy.DeserializationError
	for _, repo := range repos {
		if _, err := cc.CreateRepository(ctx, &codecommit.CreateRepositoryInput{RepositoryName: aws.String(repo)}); err != nil && !errors.As(err, &dateErr) {
			return accessKey{}, fmt.Errorf("creating the repository %s: %w", repo, err)
		}
	}
	return accessKey{id: aws.ToString(out.AccessKey.AccessKeyId), secret: aws.ToString(out.AccessKey.SecretAccessKey)}, nil
}
