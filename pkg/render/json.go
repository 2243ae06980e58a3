package render

import (
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

// SimilarityDecimals is how many decimals JSON keeps of a similarity score.
const SimilarityDecimals = 3

// JSON writes r as the "plandiff/diff/v1" contract (spec §3): the struct
// encoding of diff.Result with two-space indentation, HTML escaping off (so
// "<", ">" and "&" stay readable), and a trailing newline. The same Result
// always gives the same bytes, and decoding the output into a diff.Result and
// encoding that again gives the same bytes.
//
// The encoding is made from a copy, never r itself, normalised so that:
//
//   - every array of the contract prints as [] rather than null when empty
//     (old, new, old_numbers, new_numbers, edits, figures, sources.old,
//     sources.new and each version's sources);
//   - similarity is rounded to SimilarityDecimals decimals (half away from
//     zero) and printed in Go's shortest form, so 0.7142857 prints 0.714 and
//     1 prints 1; a NaN or infinite score prints 0, and -0 prints 0;
//   - an empty schema is filled with diff.Schema;
//   - each byte of invalid UTF-8 in any string becomes U+FFFD, written as the
//     character itself (encoding/json would write "\ufffd", which decodes to
//     a character that then encodes differently: the round trip would not
//     hold).
//
// Strings are otherwise encoded by encoding/json: control characters are
// escaped (\u001b) and so are U+2028 and U+2029. The summary is printed as r
// holds it (see Filter to recompute it).
func JSON(w io.Writer, r *diff.Result) error {
	if r == nil {
		return errNilResult
	}
	c := normalized(r)
	p := &printer{w: w}
	enc := json.NewEncoder(&p.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return err
	}
	return p.flush()
}

// normalized returns a deep copy of r ready to encode (see JSON).
func normalized(r *diff.Result) *diff.Result {
	c := clone(r)
	if c.Schema == "" {
		c.Schema = diff.Schema
	}
	c.Old.Sources = nonNil(c.Old.Sources)
	c.New.Sources = nonNil(c.New.Sources)
	for i := range c.Changes {
		ch := &c.Changes[i]
		ch.Old = nonNil(ch.Old)
		ch.New = nonNil(ch.New)
		ch.OldNumbers = nonNil(ch.OldNumbers)
		ch.NewNumbers = nonNil(ch.NewNumbers)
		ch.Edits = nonNil(ch.Edits)
		ch.Figures = nonNil(ch.Figures)
		ch.Sources.Old = nonNil(ch.Sources.Old)
		ch.Sources.New = nonNil(ch.Sources.New)
		ch.Similarity = roundSimilarity(ch.Similarity)
	}
	c.Changes = nonNil(c.Changes)
	fixStrings(reflect.ValueOf(c).Elem())
	return c
}

// fixStrings replaces invalid UTF-8 in every string reachable from v (which
// must be settable: the copy, never the caller's Result), through structs,
// slices and pointers, so that fields added to diff.Result later are covered
// too.
func fixStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); !utf8.ValidString(s) {
			v.SetString(validUTF8(s))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fixStrings(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			fixStrings(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			fixStrings(v.Elem())
		}
	}
}

// validUTF8 replaces each byte of invalid UTF-8 in s with U+FFFD, as
// SanitizeTerminal does.
func validUTF8(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r) // utf8.RuneError for an invalid byte
		i += size
	}
	return b.String()
}

// roundSimilarity rounds to SimilarityDecimals decimals; non-finite values
// and negative zero become 0.
func roundSimilarity(f float64) float64 {
	f = cleanFloat(f)
	scale := math.Pow10(SimilarityDecimals)
	f = math.Round(f*scale) / scale
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// cleanFloat maps NaN and ±Inf to 0.
func cleanFloat(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// clone returns a deep copy of r: no slice or pointer of the copy is shared
// with r.
func clone(r *diff.Result) *diff.Result {
	c := *r
	c.Old.Sources = cloneSlice(r.Old.Sources)
	c.New.Sources = cloneSlice(r.New.Sources)
	if r.Changes != nil {
		c.Changes = make([]diff.Change, len(r.Changes))
		for i := range r.Changes {
			c.Changes[i] = cloneChange(&r.Changes[i])
		}
	}
	return &c
}

func cloneChange(ch *diff.Change) diff.Change {
	c := *ch
	c.Old = cloneSlice(ch.Old)
	c.New = cloneSlice(ch.New)
	c.OldNumbers = cloneSlice(ch.OldNumbers)
	c.NewNumbers = cloneSlice(ch.NewNumbers)
	c.Edits = cloneSlice[words.Edit](ch.Edits)
	c.Figures = cloneSlice[words.Figure](ch.Figures)
	c.Sources.Old = cloneSlice(ch.Sources.Old)
	c.Sources.New = cloneSlice(ch.Sources.New)
	c.OldNotes = cloneSlice(ch.OldNotes)
	c.NewNotes = cloneSlice(ch.NewNotes)
	c.Confidence = cloneDelta(ch.Confidence)
	c.ProposedBy = cloneDelta(ch.ProposedBy)
	c.Status = cloneDelta(ch.Status)
	return c
}

// cloneSlice copies s, keeping nil as nil and empty as empty.
func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

func cloneDelta(d *diff.Delta) *diff.Delta {
	if d == nil {
		return nil
	}
	c := *d
	return &c
}
