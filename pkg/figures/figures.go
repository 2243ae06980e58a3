// Package figures reads the figures of a clause text with their values:
// counts, sums of money, shares, durations, dates, ranges and references,
// however they are written. It is the one figure reader of plandiff: the
// aligner compares clauses by it, the redline keeps each figure whole, and
// the figures line of a change pairs and compares figures by value.
//
// Forms read:
//
//   - numbers with any thousands separator: 600,000  600 000  600 000 (thin
//     or narrow no-break space)  600.000 (dot, European style); decimals
//     (1.5, 14.3); ratios (50:50, 33/33/33), kept as written;
//   - scales: 600k, 1.5m, $100bn, 100 bn, 2 million, 100 billion, 3 tn;
//   - numbers in words: ten, twenty-five, one hundred, six hundred thousand;
//     fractions as shares: half, a third, two thirds, a quarter;
//   - currencies: $, US$, USD, €, EUR, £, GBP, ₴, UAH, ₽, RUB, dollars,
//     euros, pounds, hryvnias, roubles (before or after the amount);
//   - shares: %, per cent, percent, percentage points;
//   - durations: hours, days, weeks, months, years, decades (also 60-day);
//   - dates: 1 March 2026, 1st March 2026, March 15, 2026, March 2026,
//     2026-03-01, and a bare year (2027);
//   - ranges: 60-100 days, 60 to 100 days, between 60 and 100 days;
//   - references: Article 5, Art. 5, point 14.3, paragraph 2, section 3.
//
// Counted nouns stay outside a figure ("600,000 troops" gives 600,000);
// ordinals (1st, 22nd) and names with digits (G8, F-16) are not figures. A
// number in words is a figure when it has a scale or unit, or is at least
// ten (so "one another" and "the two sides" are not figures); a fraction
// word is one when "of" or "the" follows ("half the profits").
package figures

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"
)

// Kind says what a figure measures.
type Kind uint8

const (
	Count    Kind = iota + 1 // a plain number: 600,000; 50:50
	Money                    // an amount of a currency
	Percent                  // a share: 50%, half, percentage points
	Duration                 // a span of time
	Date                     // a calendar date, month or year
	Ref                      // a reference: Article 5, point 14.3
)

var kindNames = [...]string{"", "count", "money", "percent", "duration", "date", "reference"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is what a figure says.
type Value struct {
	Kind Kind
	// Num is the amount (money in units of the currency, shares in per
	// cent, durations in Unit); for a range, its lower end. For a date, the
	// day as yyyymmdd with 00 for an unknown month or day.
	Num float64
	// Hi is the upper end of a range; equal to Num otherwise.
	Hi float64
	// Unit: the currency (USD, EUR, GBP, UAH, RUB), the time unit (hour,
	// day, week, month, year, decade), pp for percentage points, a unit of
	// length or area (km, km²...), the reference word (article, point...),
	// or "" for a count.
	Unit string
	// Text is the canonical text of values that are not one number: the
	// number of a reference (14.3) and a ratio (50:50).
	Text string
}

// IsRange reports a range of values (60-100 days).
func (v Value) IsRange() bool { return v.Hi != v.Num }

// Figure is a figure found in a text.
type Figure struct {
	Start, End int    // byte offsets in the text
	Text       string // as written, white space inside shown as one space
	Value      Value
}

// Equal reports whether two values are the same: the same kind, unit and
// amount (600,000 = 600 000 = 600k = six hundred thousand; $100bn =
// US$100 billion; 50% = 50 per cent = half). Three months and 90 days are
// comparable but not equal.
func (v Value) Equal(w Value) bool {
	v, w = v.canonical(), w.canonical()
	return v.Kind == w.Kind && v.Unit == w.Unit && v.Text == w.Text && close(v.Num, w.Num) && close(v.Hi, w.Hi)
}

// exactIn gives the time units that are an exact number of another: two
// weeks are 14 days and two years 24 months, but a month is no fixed number
// of days, so "three months" and "90 days" stay comparable and unequal.
var exactIn = map[string]struct {
	unit     string
	mul, div float64 // exact for whole numbers, so keys agree with Equal
}{"hour": {"day", 1, 24}, "week": {"day", 7, 1}, "year": {"month", 12, 1}, "decade": {"month", 120, 1}}

// canonical writes a duration in the unit its unit is an exact number of,
// so that equal durations compare and index alike.
func (v Value) canonical() Value {
	if x, ok := exactIn[v.Unit]; ok && v.Kind == Duration {
		v.Unit, v.Num, v.Hi = x.unit, v.Num*x.mul/x.div, v.Hi*x.mul/x.div
	}
	return v
}

func close(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// Comparable reports whether two values measure the same thing, so that one
// can be said to be larger: counts with counts, sums in one currency,
// shares, durations (in any time unit), dates. References and ratios are
// not comparable.
func (v Value) Comparable(w Value) bool {
	if v.Kind != w.Kind || v.Text != "" || w.Text != "" {
		return false
	}
	switch v.Kind {
	case Count, Date:
		return true
	case Money, Percent:
		return v.Unit == w.Unit
	case Duration:
		_, ok1 := days[v.Unit]
		_, ok2 := days[w.Unit]
		return ok1 && ok2
	}
	return false
}

// days is the length of each time unit in days, to compare durations.
var days = map[string]float64{"hour": 1.0 / 24, "day": 1, "week": 7, "month": 365.25 / 12, "year": 365.25, "decade": 3652.5}

// Magnitude returns a value as one number that Comparable values share a
// scale for: durations in days, others as they are; for a range, its
// middle.
func (v Value) Magnitude() float64 {
	m := (v.Num + v.Hi) / 2
	if v.Kind == Duration {
		m *= days[v.Unit]
	}
	return m
}

// Change describes how w differs from v when they are comparable: the
// relative change of a count, sum or duration ("+33%", "−40%"), the
// difference of shares in percentage points ("+10 pp"), later or earlier
// for dates; "" when they are equal or not comparable.
func Change(v, w Value) string {
	if !v.Comparable(w) || v.Equal(w) {
		return ""
	}
	a, b := v.Magnitude(), w.Magnitude()
	switch v.Kind {
	case Date:
		switch {
		case b > a:
			return "later"
		case b < a:
			return "earlier"
		}
		return ""
	case Percent:
		// Shares read from words ("a third") are not round: the difference
		// is given to a hundredth of a point, as a reader would say it.
		switch d, r := b-a, math.Round((b-a)*100)/100; {
		case d == 0:
			return ""
		case r == 0 && d > 0:
			return "+<0.01 pp"
		case r == 0:
			return "−<0.01 pp"
		default:
			return signed(r) + " pp"
		}
	}
	if a == 0 {
		if b > 0 {
			return "up from 0"
		}
		return ""
	}
	p := (b - a) / a * 100
	switch r := math.Round(p); {
	case r == 0 && p > 0:
		return "+<1%"
	case r == 0 && p < 0:
		return "−<1%"
	case r == 0:
		return ""
	default:
		return signed(r) + "%"
	}
}

// Direction says whether w is more than v ("up"), less ("down"), or neither
// ("" when equal or not comparable). A later date is "up".
func Direction(v, w Value) string {
	if !v.Comparable(w) || v.Equal(w) {
		return ""
	}
	switch a, b := v.Magnitude(), w.Magnitude(); {
	case b > a:
		return "up"
	case b < a:
		return "down"
	}
	return ""
}

func signed(x float64) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', -1, 64)
	if x < 0 {
		return "−" + s
	}
	return "+" + s
}

// AppendKey appends to dst a key that equal values share and unequal values
// do not, in binary (the kind, the unit, then the bits of Num and Hi, or the
// text): cheaper than Key, for indexing.
func (v Value) AppendKey(dst []byte) []byte {
	v = v.canonical()
	dst = append(dst, byte(v.Kind))
	dst = append(dst, v.Unit...)
	dst = append(dst, 0)
	if v.Text != "" {
		return append(dst, v.Text...)
	}
	dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v.Num))
	if v.IsRange() {
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v.Hi))
	}
	return dst
}

// Key returns a short string that equal values share and unequal values do
// not (up to the rounding of Num to 12 significant digits), for indexing.
func (v Value) Key() string {
	v = v.canonical()
	var b strings.Builder
	b.WriteString(kindNames[v.Kind])
	b.WriteByte(':')
	b.WriteString(v.Unit)
	b.WriteByte(':')
	if v.Text != "" {
		b.WriteString(v.Text)
	} else {
		b.WriteString(strconv.FormatFloat(v.Num, 'g', 12, 64))
		if v.IsRange() {
			b.WriteByte('-')
			b.WriteString(strconv.FormatFloat(v.Hi, 'g', 12, 64))
		}
	}
	return b.String()
}

// String writes the value in a canonical form: 600000, USD 1e+11, 50%,
// 3 month, 2026-03-01, 60-100 day, article 5.
func (v Value) String() string {
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	n := num(v.Num)
	if v.IsRange() {
		n += "-" + num(v.Hi)
	}
	switch v.Kind {
	case Money:
		return v.Unit + " " + n
	case Percent:
		if v.Unit == "pp" {
			return n + " pp"
		}
		return n + "%"
	case Duration:
		return n + " " + v.Unit
	case Date:
		d := int(v.Num)
		y, m, dd := d/10000, d/100%100, d%100
		year := strconv.Itoa(y)
		year = strings.Repeat("0", max(0, 4-len(year))) + year
		switch {
		case m == 0:
			return year
		case dd == 0:
			return year + "-" + two(m)
		}
		return year + "-" + two(m) + "-" + two(dd)
	case Ref:
		return v.Unit + " " + v.Text
	}
	if v.Text != "" {
		return v.Text
	}
	if v.Unit != "" {
		return n + " " + v.Unit
	}
	return n
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
