package plan

import "github.com/shopspring/decimal"

// sum adds up a formula's terms exactly as a chain of decimal.Add and
// decimal.Sub from decimal.Zero does: the same coefficient at the same
// exponent (the smallest of 0 and the terms'). While the sum and the terms
// are small (coefficients of at most 18 digits) it is kept in an int64, so
// that a formula of many terms makes one decimal, not one or more big.Int
// per term; a term that does not fit carries the sum on in decimals.
type sum struct {
	terms int   // terms added
	coef  int64 // the sum at exponent exp, while inDecimal is false
	exp   int32
	// inDecimal says the sum outgrew coef and is carried on in d.
	inDecimal bool
	d         decimal.Decimal
}

// smallMax bounds the coefficients sum keeps in an int64: two of them add
// up without overflow.
const smallMax = 1_000_000_000_000_000_000

// add adds v to the sum, or subtracts it when neg.
func (s *sum) add(v decimal.Decimal, neg bool) {
	s.terms++
	if !s.inDecimal {
		if s.addSmall(v, neg) {
			return
		}
		s.inDecimal, s.d = true, decimal.New(s.coef, s.exp)
	}
	if neg {
		s.d = s.d.Sub(v)
	} else {
		s.d = s.d.Add(v)
	}
}

// addSmall adds v to coef at the smaller of the two exponents; it reports
// false, the sum unchanged, when v or the result does not fit.
func (s *sum) addSmall(v decimal.Decimal, neg bool) bool {
	if v.NumDigits() > 18 {
		return false
	}
	c, e := v.CoefficientInt64(), v.Exponent()
	if neg {
		c = -c
	}
	acc, exp, ok := s.coef, s.exp, true
	switch {
	case e < exp:
		if acc, ok = scaleSmall(acc, int64(exp)-int64(e)); !ok {
			return false
		}
		exp = e
	case e > exp:
		if c, ok = scaleSmall(c, int64(e)-int64(exp)); !ok {
			return false
		}
	}
	acc += c
	if acc > smallMax || acc < -smallMax {
		return false
	}
	s.coef, s.exp = acc, exp
	return true
}

// scaleSmall multiplies x by 10^k (k > 0); false when the product would
// be larger than smallMax.
func scaleSmall(x int64, k int64) (int64, bool) {
	if k > 18 {
		return 0, x == 0
	}
	p := int64(1)
	for range k {
		p *= 10
	}
	if x > smallMax/p || x < -smallMax/p {
		return 0, false
	}
	return x * p, true
}

// value is the sum: decimal.Zero itself for no terms.
func (s *sum) value() decimal.Decimal {
	switch {
	case s.terms == 0:
		return decimal.Zero
	case s.inDecimal:
		return s.d
	}
	return decimal.New(s.coef, s.exp)
}
