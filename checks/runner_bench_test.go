package checks

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkRunnerConcurrency shows that independent checks run concurrently:
// the run takes about as long as its slowest check, not the sum of all.
// Read the reported ratios: x-slowest near 1, x-sum well below 1.
func BenchmarkRunnerConcurrency(b *testing.B) {
	delays := []time.Duration{40 * time.Millisecond, 10 * time.Millisecond, 25 * time.Millisecond,
		5 * time.Millisecond, 30 * time.Millisecond, 20 * time.Millisecond}
	w := newWorld()
	var list []Check
	var sum, slowest time.Duration
	for i, d := range delays {
		list = append(list, w.fake(fmt.Sprintf("c%d", i), nil, passAfter(d)))
		sum += d
		slowest = max(slowest, d)
	}
	start := time.Now()
	for b.Loop() {
		if _, err := (Runner{}).Run(context.Background(), list, &Env{}); err != nil {
			b.Fatal(err)
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(slowest), "x-slowest")
	b.ReportMetric(float64(per)/float64(sum), "x-sum")
}
