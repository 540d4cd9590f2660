package checks

import (
	"fmt"
	"reflect"
)

// KeyRef names a fact without its type: what Info lists in Requires, After
// and Gives, and what the graph validation reads.
type KeyRef interface {
	// Producer is the id of the only check (or hidden provider) that
	// publishes the fact.
	Producer() string
	// Name is the fact's Go type, for messages.
	Name() string
	isKey()
}

// Key is a typed fact that one check publishes and others read, in the
// spirit of go/analysis' Analyzer.ResultType: the producer declares
//
//	var ChainKey = checks.NewKey[*Chain]("chain")
//
// lists it in Info.Gives and publishes with ChainKey.Set(&res, chain); a
// consumer lists it in Info.Requires or Info.After and reads it with
// ChainKey.Get(env). There is no `any` on either side.
type Key[T any] struct {
	producer string
	name     string
}

// NewKey declares a fact of type T published by the check with the given id.
func NewKey[T any](producer string) *Key[T] {
	return &Key[T]{producer: producer, name: reflect.TypeFor[T]().String()}
}

// Producer is the id of the check that publishes the fact.
func (k *Key[T]) Producer() string { return k.producer }

// Name is the fact's type name.
func (k *Key[T]) Name() string { return k.name }

func (k *Key[T]) isKey() {}

// String names the key for messages: "*credhelper.Facts from credential-helper".
func (k *Key[T]) String() string { return fmt.Sprintf("%s from %s", k.name, k.producer) }

// Set publishes the fact in the producer's result.
func (k *Key[T]) Set(res *Result, v T) {
	if res.facts == nil {
		res.facts = map[KeyRef]any{}
	}
	res.facts[k] = v
}

// In reads the fact from a finished result (the CLI and tests use it).
func (k *Key[T]) In(res Result) (T, bool) {
	v, ok := res.facts[k].(T)
	return v, ok
}

// Get reads the fact from the results a check may see: those of the
// producers its Info lists in Requires or After. ok is false when the
// producer did not run, did not publish the fact, or is not declared.
func (k *Key[T]) Get(env *Env) (T, bool) {
	var zero T
	if env == nil {
		return zero, false
	}
	r, ok := env.deps[k.producer]
	if !ok {
		return zero, false
	}
	return k.In(r)
}

// OutcomeOf returns the result of a key's producer, for messages that quote
// what another check said (never to decide on: facts are for that). ok is
// false when the producer did not run or is not declared.
func OutcomeOf(env *Env, k KeyRef) (Result, bool) {
	if env == nil {
		return Result{}, false
	}
	r, ok := env.deps[k.Producer()]
	return r, ok
}

// Fact is a value bound to its key, for building environments in tests.
type Fact struct {
	key   KeyRef
	value any
	res   *Result
}

// Fact binds v to the key.
func (k *Key[T]) Fact(v T) Fact { return Fact{key: k, value: v} }

// FactWith binds v to the key and gives the producer's result a status and
// findings, for tests that quote another check's outcome.
func (k *Key[T]) FactWith(v T, res Result) Fact { return Fact{key: k, value: v, res: &res} }
