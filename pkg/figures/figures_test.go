package figures

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// readWhole reads the figures of s by tokenising all of it, as a reference
// for the windows Reader.Append reads.
func readWhole(s string) []Figure {
	var r reader
	r.tokenize(s, 0, len(s))
	return r.read(nil)
}

// show lists figures as "text=value" for comparison.
func show(fs []Figure) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, f.Text+"="+f.Value.String())
	}
	return strings.Join(parts, "; ")
}

func TestRead(t *testing.T) {
	tests := []struct{ in, want string }{
		// Thousands separators.
		{"capped at 600,000 personnel", "600,000=600000"},
		{"capped at 600 000 personnel", "600 000=600000"},
		{"capped at 600\u202f000 personnel", "600\u202f000=600000"},
		{"capped at 600\u2009000 personnel", "600\u2009000=600000"},
		{"capped at 600\u00a0000 personnel", "600\u00a0000=600000"},
		{"capped at 600.000 personnel", "600.000=600000"},
		{"1 200 000 people", "1 200 000=1200000"},
		{"1.234,5 units", "1.234,5=1234.5"},
		{"a 1,5 share", "1,5=1.5"},
		{"point 14.3 says", "point 14.3=point 14.3"},
		// Scales.
		{"600k troops", "600k=600000"},
		{"$100bn of frozen funds", "$100bn=USD 100000000000"},
		{"US$100 billion of frozen funds", "US$100 billion=USD 100000000000"},
		{"100 bn", "100 bn=100000000000"},
		{"2 million people", "2 million=2000000"},
		{"1.5m refugees", "1.5m=1500000"},
		{"€5m", "€5m=EUR 5000000"},
		{"USD 100 billion", "USD 100 billion=USD 100000000000"},
		{"100 billion dollars", "100 billion dollars=USD 100000000000"},
		{"800 billion euros", "800 billion euros=EUR 800000000000"},
		{"£3bn", "£3bn=GBP 3000000000"},
		{"US$ 100 billion of frozen funds", "US$ 100 billion=USD 100000000000"},
		{"$ 100bn", "$ 100bn=USD 100000000000"},
		{"€ 5 billion", "€ 5 billion=EUR 5000000000"},
		{"100 billion US dollars", "100 billion US dollars=USD 100000000000"},
		// Inside a word as the word diff reads it (joined by an apostrophe
		// or a hyphen): no figure starts or ends there.
		{"a zone of 100'000 km", ""},
		{"a 30-year-old treaty", ""},
		{"0-0 km", ""},
		{"a 50 %0 b", "50=50; 0=0"}, // a sign glued to what follows is not the number's
		{"costs $\n100", "100=100"}, // a sign and an amount on two lines are not one figure
		{"we $ them 5", "5=5"},
		// Words.
		{"six hundred thousand troops", "six hundred thousand=600000"},
		{"one hundred days", "one hundred days=100 day"},
		{"ten years", "ten years=10 year"},
		{"within three months", "three months=3 month"},
		{"twenty-five countries", "twenty-five=25"},
		{"one hundred and five", "one hundred and five=105"},
		{"a hundred days", "a hundred days=100 day"},
		{"half the profits", "half=50%"},
		{"half of the profits", "half=50%"},
		{"a third of the land", "a third=33.333333333333336%"},
		{"two thirds of the seats", "two thirds=66.66666666666667%"},
		{"one another; the two sides; one of them", ""},
		{"on the other half", ""},
		// Shares.
		{"50% of the profits", "50%=50%"},
		{"50 per cent", "50 per cent=50%"},
		// "a" makes one of a time unit; halves of units and numbers.
		{"within a year of signing", "a year=1 year"},
		{"within half a year", "half a year=0.5 year"},
		{"within a year and a half", "a year and a half=1.5 year"},
		{"within one and a half years", "one and a half years=1.5 year"},
		{"two and a half million people", "two and a half million=2500000"},
		{"for a decade", "a decade=1 decade"},
		{"a few years", ""},
		{"a year-long truce", ""},
		// A combining mark keeps a number inside its word, as the word
		// diff reads it.
		{"a cap of 600\u034f troops", ""},
		{"code x\u0301600 here", ""},
		{"a cap of 600\u0301", ""},
		{"a 0\u200d000 code", ""},
		{"a \u07c30 000 code", "000=0"}, // the group after the word stands alone
		{"a 0 000\u07c3 code", ""},
		{"a 10\u200ckm code", ""},
		// A sign and a number a line's width apart are two things.
		{"$" + strings.Repeat(" ", 40) + "9 of them", "9=9"},
		{"100" + strings.Repeat(" ", 40) + "billion", "100=100"},
		{"100\n    billion", "100 billion=100000000000"},
		// One dot before a share is a decimal point, not a European thousand.
		{"50.001% of the votes", "50.001%=50.001%"},
		{"50.001 % of the votes", "50.001 %=50.001%"},
		{"50.001 per cent of the votes", "50.001 per cent=50.001%"},
		{"50.001 percent of the votes", "50.001 percent=50.001%"},
		{"1.000.000% of it", "1.000.000%=1000000%"},
		{"50.001 seats", "50.001=50001"},
		{"50 percent", "50 percent=50%"},
		{"90 Percent", "90 Percent=90%"},
		{"5 percentage points", "5 percentage points=5 pp"},
		// Durations.
		{"within 100 days", "100 days=100 day"},
		{"a 60-day ceasefire", "60-day=60 day"},
		{"within 100\ndays", "100 days=100 day"},
		{"within 100\n\ndays", "100=100"},
		// Dates.
		{"by 1 March 2026", "1 March 2026=2026-03-01"},
		{"by 1st March 2026", "1st March 2026=2026-03-01"},
		{"by March 15, 2026", "March 15, 2026=2026-03-15"},
		{"by March 2026", "March 2026=2026-03"},
		{"by 2026-03-01", "2026-03-01=2026-03-01"},
		{"EU membership by 2027 or 2028", "2027=2027; 2028=2028"},
		{"on 15 March", "15 March=0000-03-15"},
		{"Ukraine may join", ""},
		// Ranges.
		{"60-100 days", "60-100 days=60-100 day"},
		{"60 to 100 days", "60 to 100 days=60-100 day"},
		{"between 60 and 100 days", "60 and 100 days=60-100 day"},
		{"$60bn-$100bn", "$60bn-$100bn=USD 60000000000-100000000000"},
		// References.
		{"guarantees mirroring Article 5", "Article 5=article 5"},
		{"Art. 5 and point 14.3", "Art. 5=article 5; point 14.3=point 14.3"},
		{"paragraph 2, section 3", "paragraph 2=paragraph 2; section 3=section 3"},
		{"point 5a", "point 5a=point 5a"},
		// Ratios.
		{"split 50:50", "50:50=50:50"},
		{"33/33/33", "33/33/33=33/33/33"},
		// Not figures.
		{"the 21st century, 1st stage, 3rd and 4th, 22nd", ""},
		{"G8, F-16, START I, COVID-19", ""},
		// A figure never ends inside a word (found by FuzzFigures).
		{"Art. 9Art. and 100B52", ""},
		{"600k, US$100bn, 50%", "600k=600000; US$100bn=USD 100000000000; 50%=50%"},
		{"", ""},
		// Units of length.
		{"pull back 5 km", "5 km=5 km"},
		{"10 kilometres", "10 kilometres=10 km"},
	}
	for _, tc := range tests {
		if got := show(Read(tc.in)); got != tc.want {
			t.Errorf("Read(%q)\n got %s\nwant %s", tc.in, got, tc.want)
		}
		if got, whole := show(Read(tc.in)), show(readWhole(tc.in)); got != whole {
			t.Errorf("Read(%q) = %s, but the whole text reads %s", tc.in, got, whole)
		}
	}
}

func TestEqual(t *testing.T) {
	value := func(s string) Value {
		t.Helper()
		fs := Read(s)
		if len(fs) != 1 {
			t.Fatalf("Read(%q) = %v, want one figure", s, fs)
		}
		return fs[0].Value
	}
	equal := [][2]string{
		{"600,000", "600 000"},
		{"600,000", "600k"},
		{"600,000", "six hundred thousand"},
		{"600,000", "600.000"},
		{"$100bn", "US$100 billion"},
		{"$100bn", "100 billion dollars"},
		{"$100bn", "USD 100bn"},
		{"50%", "50 per cent"},
		{"50%", "half of"},
		{"10 years", "ten years"},
		{"100 days", "one hundred days"},
		{"Article 5", "Art. 5"},
		{"1 March 2026", "2026-03-01"},
		{"March 1, 2026", "1 March 2026"},
		{"60-100 days", "60 to 100 days"},
		{"$100bn", "US$ 100 billion"},
		{"$100bn", "100 billion US dollars"},
		{"€5bn", "€ 5 billion"},
		{"two weeks", "14 days"},
		{"48 hours", "2 days"},
		{"1 year", "12 months"},
		{"one decade", "10 years"},
		{"2-3 years", "24 to 36 months"},
	}
	// Equal values index alike: the aligner's keys must agree with Equal.
	sameKey := func(a, b Value) bool {
		return a.Key() == b.Key() && bytes.Equal(a.AppendKey(nil), b.AppendKey(nil))
	}
	for _, p := range equal {
		if a, b := value(p[0]), value(p[1]); !a.Equal(b) {
			t.Errorf("%q (%v) and %q (%v) are not equal", p[0], a, p[1], b)
		} else if !sameKey(a, b) {
			t.Errorf("%q and %q are equal but have other keys: %q, %q", p[0], p[1], a.Key(), b.Key())
		}
	}
	unequal := [][2]string{
		{"600,000", "800,000"},
		{"$100bn", "€100bn"},
		{"3 months", "90 days"},
		{"50%", "50"},
		{"Article 5", "point 5"},
		{"60-100 days", "60 days"},
		{"two weeks", "15 days"},
		{"1 year", "365 days"}, // a year is no fixed number of days
		{"1 month", "4 weeks"},
	}
	for _, p := range unequal {
		if a, b := value(p[0]), value(p[1]); a.Equal(b) || sameKey(a, b) {
			t.Errorf("%q and %q are equal, or share a key", p[0], p[1])
		}
	}
}

func TestChange(t *testing.T) {
	tests := []struct{ a, b, change, dir string }{
		{"600,000", "800,000", "+33%", "up"},
		{"800,000", "600,000", "−25%", "down"},
		{"$100bn", "$800bn", "+700%", "up"},
		{"3 months", "90 days", "−1%", "down"},
		{"100 days", "60 days", "−40%", "down"},
		{"50%", "60%", "+10 pp", "up"},
		{"a third of the seats", "33% of the seats", "−0.33 pp", "down"}, // 33.333...%: not to seventeen digits
		{"10.1%", "10.3%", "+0.2 pp", "up"},
		{"half of the profit", "50.0001% of the profit", "+<0.01 pp", "up"},
		{"by 2027", "by 2028", "later", "up"},
		{"600,000", "600 000", "", ""},
		{"$100bn", "€100bn", "", ""},
		{"Article 5", "Article 4", "", ""},
		{"50:50", "33/33/33", "", ""},
	}
	for _, tc := range tests {
		a, b := Read(tc.a), Read(tc.b)
		if len(a) != 1 || len(b) != 1 {
			t.Fatalf("%q, %q: want one figure each, got %v, %v", tc.a, tc.b, a, b)
		}
		if got := Change(a[0].Value, b[0].Value); got != tc.change {
			t.Errorf("Change(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.change)
		}
		if got := Direction(a[0].Value, b[0].Value); got != tc.dir {
			t.Errorf("Direction(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.dir)
		}
	}
}

// FuzzRead: any input reads without panicking, figures lie inside the text
// in order, and each figure's text reads back as the same value.
func FuzzRead(f *testing.F) {
	for _, s := range []string{"600,000 troops within 100 days", "US$100 billion", "between 60 and 100 days",
		"six hundred thousand", "half the profits", "1 March 2026", "Art. 5", "\xff\xfe 12 3", "5 5 5 5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		got := Read(s)
		for _, fg := range got {
			if fg.Start < prev || fg.End <= fg.Start || fg.End > len(s) {
				t.Fatalf("figure %+v out of place in %q", fg, s)
			}
			prev = fg.End
		}
		// Reading windows finds what reading the whole text finds.
		if want := readWhole(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("Read(%q)\n got %v\nwant %v (whole text)", s, got, want)
		}
	})
}

// BenchmarkRead reads the figures of generated clause texts, the load the
// aligner puts on the reader.
func BenchmarkRead(b *testing.B) {
	texts := []string{
		"Within 104 days of the withdrawal, the United States shall extend clearing balances of Kharkiv from Borahrad and Polohrad, in particular the secretariat of Kinburn.",
		"The signatories and Ukraine agree to rebuild criminal proceedings by 24 June 2026, without prejudice to Article 660.",
		"The Board of Peace will terminate custodial accounts of Vynyivka-zelhrad, subject to parliamentary approval.",
		"The signatories recognises armed forces of Vyniyne-kosthrad as military and binding, up to 557,534 personnel, on the basis of the Boreomyr-kosthrad report.",
		"The European Union shall provide $60 million for detention registers.",
		"Ukraine will hold elections as soon as possible after the agreement is signed, and both sides withdraw to agreed positions.",
	}
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	var r Reader
	var dst []Figure
	for b.Loop() {
		for _, t := range texts {
			dst = r.Append(dst[:0], t)
		}
	}
}
