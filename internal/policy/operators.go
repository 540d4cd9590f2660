package policy

import "strings"

type opFamily uint8

const (
	famUnrecognised opFamily = iota
	famString
	famARN
	famBool
	famNull
	famNotEvaluated // a real AWS operator this package does not evaluate
)

type setQualifier uint8

const (
	setNone setQualifier = iota
	setAnyValue
	setAllValues
)

// opSpec describes a condition operator such as
// "ForAnyValue:StringNotLikeIfExists".
type opSpec struct {
	family   opFamily
	set      setQualifier
	ifExists bool
	negated  bool
	fold     bool // case-insensitive comparison
	like     bool // '*' and '?' are wildcards
}

type baseOp struct {
	family  opFamily
	negated bool
	fold    bool
	like    bool
}

// baseOperators maps lower-cased base operator names to their semantics.
// It is never mutated.
var baseOperators = map[string]baseOp{
	"stringequals":              {family: famString},
	"stringnotequals":           {family: famString, negated: true},
	"stringequalsignorecase":    {family: famString, fold: true},
	"stringnotequalsignorecase": {family: famString, negated: true, fold: true},
	"stringlike":                {family: famString, like: true},
	"stringnotlike":             {family: famString, negated: true, like: true},
	"arnequals":                 {family: famARN, like: true},
	"arnlike":                   {family: famARN, like: true},
	"arnnotequals":              {family: famARN, negated: true, like: true},
	"arnnotlike":                {family: famARN, negated: true, like: true},
	"bool":                      {family: famBool},
	"null":                      {family: famNull},
	"numericequals":             {family: famNotEvaluated},
	"numericnotequals":          {family: famNotEvaluated, negated: true},
	"numericlessthan":           {family: famNotEvaluated},
	"numericlessthanequals":     {family: famNotEvaluated},
	"numericgreaterthan":        {family: famNotEvaluated},
	"numericgreaterthanequals":  {family: famNotEvaluated},
	"dateequals":                {family: famNotEvaluated},
	"datenotequals":             {family: famNotEvaluated, negated: true},
	"datelessthan":              {family: famNotEvaluated},
	"datelessthanequals":        {family: famNotEvaluated},
	"dategreaterthan":           {family: famNotEvaluated},
	"dategreaterthanequals":     {family: famNotEvaluated},
	"binaryequals":              {family: famNotEvaluated},
	"ipaddress":                 {family: famNotEvaluated},
	"notipaddress":              {family: famNotEvaluated, negated: true},
}

// parseOperator decodes an operator name (case-insensitively).
func parseOperator(op string) opSpec {
	s := strings.ToLower(op)
	var spec opSpec
	if rest, ok := strings.CutPrefix(s, "foranyvalue:"); ok {
		spec.set, s = setAnyValue, rest
	} else if rest, ok := strings.CutPrefix(s, "forallvalues:"); ok {
		spec.set, s = setAllValues, rest
	}
	if rest, ok := strings.CutSuffix(s, "ifexists"); ok {
		spec.ifExists, s = true, rest
	}
	base, ok := baseOperators[s]
	if !ok || (base.family == famNull && (spec.ifExists || spec.set != setNone)) {
		return opSpec{family: famUnrecognised}
	}
	spec.family, spec.negated, spec.fold, spec.like = base.family, base.negated, base.fold, base.like
	return spec
}
