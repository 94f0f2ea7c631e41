// Package decsum adds up decimal amounts exactly, as a chain of
// decimal.Decimal.Add gives them, without math/big's allocation for every
// intermediate total while the numbers are small: the sums of a formula's
// terms in plan, of SUM and + - in the formula engine, of a rule's terms
// in verify.
package decsum

import "github.com/shopspring/decimal"

// Sum adds decimal numbers exactly. Its total has the coefficient and the
// exponent that a chain of decimal.Decimal.Add from decimal.Zero gives
// (the exponent is the least of the terms' and 0), but while the terms and
// the total have at most 18 digits it adds int64 coefficients, sparing
// math/big's allocation of every intermediate total; beyond, it falls back
// to decimal.Decimal.Add. The zero Sum is zero.
type Sum struct {
	coef int64 // the total is coef × 10^exp, while !slow
	exp  int32
	slow bool
	d    decimal.Decimal // the total, once slow
}

// fastLimit bounds the coefficients added as int64: below 10^18, so that
// two of them add without overflow.
const fastLimit = 1_000_000_000_000_000_000

// pow10s are the powers of ten below fastLimit.
var pow10s = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17}

// Add adds d to the total.
func (s *Sum) Add(d decimal.Decimal) {
	if !s.slow && s.addSmall(d, false) {
		return
	}
	s.d = s.Total().Add(d)
	s.slow = true
}

// Sub subtracts d from the total.
func (s *Sum) Sub(d decimal.Decimal) {
	if !s.slow && s.addSmall(d, true) {
		return
	}
	s.d = s.Total().Sub(d)
	s.slow = true
}

// addSmall adds d (its negation if neg) as int64 coefficients if it and
// the total fit, and reports whether it did.
func (s *Sum) addSmall(d decimal.Decimal, neg bool) bool {
	if d.NumDigits() > len(pow10s) {
		return false
	}
	x, e := d.CoefficientInt64(), d.Exponent()
	if neg {
		x = -x
	}
	acc, exp := s.coef, s.exp
	var ok bool
	switch {
	case e < exp:
		if acc, ok = scaleSmall(acc, exp-e); !ok {
			return false
		}
		exp = e
	case e > exp:
		if x, ok = scaleSmall(x, e-exp); !ok {
			return false
		}
	}
	acc += x
	if acc >= fastLimit || acc <= -fastLimit {
		return false
	}
	s.coef, s.exp = acc, exp
	return true
}

// scaleSmall returns x × 10^k if its magnitude is below fastLimit.
func scaleSmall(x int64, k int32) (int64, bool) {
	if x == 0 {
		return 0, true
	}
	if int(k) >= len(pow10s) {
		return 0, false
	}
	p := pow10s[k]
	if lim := (fastLimit - 1) / p; x > lim || x < -lim {
		return 0, false
	}
	return x * p, true
}

// Add2 returns a+b (a-b if sub) exactly as decimal.Decimal.Add (Sub)
// gives it, with int64 arithmetic when the coefficients are small.
func Add2(a, b decimal.Decimal, sub bool) decimal.Decimal {
	if a.NumDigits() <= len(pow10s) {
		s := Sum{coef: a.CoefficientInt64(), exp: a.Exponent()}
		if s.addSmall(b, sub) {
			return decimal.New(s.coef, s.exp)
		}
	}
	if sub {
		return a.Sub(b)
	}
	return a.Add(b)
}

// Total returns the total, as decimal.Decimal.Add would have given it.
func (s *Sum) Total() decimal.Decimal {
	if s.slow {
		return s.d
	}
	if s.coef == 0 && s.exp == 0 {
		return decimal.Zero
	}
	return decimal.New(s.coef, s.exp)
}
