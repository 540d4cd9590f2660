package awsclient

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPolicyCache(t *testing.T) {
	c := NewPolicyCache()
	var loads atomic.Int32
	want := &PolicySet{PrincipalARN: "arn"}
	load := func(context.Context) (*PolicySet, error) {
		loads.Add(1)
		time.Sleep(10 * time.Millisecond)
		return want, nil
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := c.Get(context.Background(), load)
			if err != nil || got != want {
				t.Errorf("Get = %v, %v", got, err)
			}
		})
	}
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("loaded %d times, want once", n)
	}
}

func TestPolicyCacheRetriesAfterCancel(t *testing.T) {
	c := NewPolicyCache()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Get(ctx, func(ctx context.Context) (*PolicySet, error) { return nil, ctx.Err() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	set, err := c.Get(context.Background(), func(context.Context) (*PolicySet, error) { return &PolicySet{}, nil })
	if err != nil || set == nil {
		t.Fatalf("a cancelled read was remembered: %v %v", set, err)
	}
	// A real failure is remembered.
	c2 := NewPolicyCache()
	boom := errors.New("boom")
	if _, err := c2.Get(context.Background(), func(context.Context) (*PolicySet, error) { return nil, boom }); err != boom {
		t.Fatal(err)
	}
	if _, err := c2.Get(context.Background(), func(context.Context) (*PolicySet, error) { return &PolicySet{}, nil }); err != boom {
		t.Errorf("failure not remembered: %v", err)
	}
}

func TestPolicyCacheWaitHonoursContext(t *testing.T) {
	c := NewPolicyCache()
	release := make(chan struct{})
	started := make(chan struct{})
	go func() {
		_, _ = c.Get(context.Background(), func(context.Context) (*PolicySet, error) {
			close(started)
			<-release
			return &PolicySet{}, nil
		})
	}()
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.Get(ctx, func(context.Context) (*PolicySet, error) { return nil, nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting caller: %v", err)
	}
	close(release)
}
