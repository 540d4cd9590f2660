package policy

// tri is a three-valued truth value: no, maybe (cannot be decided locally), yes.
type tri int8

const (
	no tri = iota
	maybe
	yes
)

func (t tri) not() tri {
	switch t {
	case yes:
		return no
	case no:
		return yes
	default:
		return maybe
	}
}

// outcome is a tri with the reasons it is maybe (or, for no, why a
// statement was found invalid).
type outcome struct {
	t       tri
	reasons []string
}

func decided(b bool) outcome {
	if b {
		return outcome{t: yes}
	}
	return outcome{t: no}
}

func undecided(reason string) outcome {
	return outcome{t: maybe, reasons: []string{reason}}
}

func (o outcome) not() outcome {
	return outcome{t: o.t.not(), reasons: o.reasons}
}

// anyOf is the three-valued OR: yes if any is yes, else maybe if any is
// maybe, else no. Reasons are collected from the maybes.
func anyOf(os []outcome) outcome {
	res := outcome{t: no}
	for _, o := range os {
		switch o.t {
		case yes:
			return outcome{t: yes}
		case maybe:
			res.t = maybe
			res.reasons = appendUnique(res.reasons, o.reasons...)
		}
	}
	return res
}

// allOf is the three-valued AND: no if any is no, else maybe if any is
// maybe, else yes.
func allOf(os []outcome) outcome {
	res := outcome{t: yes}
	for _, o := range os {
		switch o.t {
		case no:
			return o
		case maybe:
			res.t = maybe
			res.reasons = appendUnique(res.reasons, o.reasons...)
		}
	}
	return res
}

func appendUnique(dst []string, src ...string) []string {
next:
	for _, s := range src {
		for _, d := range dst {
			if d == s {
				continue next
			}
		}
		dst = append(dst, s)
	}
	return dst
}
