package render

import (
	"bytes"
	"encoding"
	"encoding/json"
	"io"
	"reflect"
	"strings"
)

// streamLevels is how many levels of objects and arrays EncodeJSON writes a
// member at a time: a report's steps and their changes, its versions and
// their clauses (report → steps → step → changes); deeper values are small
// and are encoded whole.
const streamLevels = 4

// jsonStream writes a value as json.Encoder with SetEscapeHTML(false) and
// SetIndent("", "  ") writes it, without holding the whole document: the
// first levels of structs and slices are walked here, the rest encoded by
// encoding/json one member at a time and indented with json.Indent at its
// depth, which gives the same bytes as indenting the whole document.
type jsonStream struct {
	w                 io.Writer
	enc               *json.Encoder
	compact, indented bytes.Buffer
}

func newJSONStream(w io.Writer) *jsonStream {
	s := &jsonStream{w: w}
	s.enc = json.NewEncoder(&s.compact)
	s.enc.SetEscapeHTML(false)
	return s
}

func (s *jsonStream) str(x string) error {
	_, err := io.WriteString(s.w, x)
	return err
}

func (s *jsonStream) newline(depth int) error {
	return s.str("\n" + strings.Repeat("  ", depth))
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// value writes v at depth (its indentation), walking levels more levels of
// structs and slices itself.
func (s *jsonStream) value(v reflect.Value, depth, levels int) error {
	if !v.IsValid() {
		return s.str("null")
	}
	if levels > 0 && !ownEncoding(v.Type()) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if v.IsNil() {
				return s.str("null")
			}
			return s.value(v.Elem(), depth, levels)
		case reflect.Struct:
			if fields, ok := streamFields(v.Type()); ok {
				return s.object(v, fields, depth, levels)
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() != reflect.Uint8 { // []byte is base64
				return s.array(v, depth, levels)
			}
		}
	}
	return s.leaf(v, depth)
}

// ownEncoding reports whether t (or *t) encodes itself, so it is left to
// encoding/json whole.
func ownEncoding(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return t.Implements(marshalerType) || t.Implements(textMarshalerType) ||
		p.Implements(marshalerType) || p.Implements(textMarshalerType)
}

// streamField is an exported field of a struct as encoding/json names it.
type streamField struct {
	index     int
	key       string // quoted
	omitEmpty bool
}

// streamFields lists t's encoded fields, or reports false when t uses what
// this walk does not reproduce (embedded fields, options other than
// omitempty, keys that would need escaping): such a struct is encoded whole.
func streamFields(t reflect.Type) ([]streamField, bool) {
	var out []streamField
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return nil, false
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		if opts != "" && opts != "omitempty" || !plainKey(name) {
			return nil, false
		}
		out = append(out, streamField{index: i, key: `"` + name + `"`, omitEmpty: opts == "omitempty"})
	}
	return out, true
}

func plainKey(k string) bool {
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return k != ""
}

// isEmptyValue is encoding/json's test for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

func (s *jsonStream) object(v reflect.Value, fields []streamField, depth, levels int) error {
	n := 0
	for _, f := range fields {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmptyValue(fv) {
			continue
		}
		sep := ","
		if n == 0 {
			sep = "{"
		}
		n++
		if err := s.str(sep); err != nil {
			return err
		}
		if err := s.newline(depth + 1); err != nil {
			return err
		}
		if err := s.str(f.key + ": "); err != nil {
			return err
		}
		if err := s.value(fv, depth+1, levels-1); err != nil {
			return err
		}
	}
	if n == 0 {
		return s.str("{}")
	}
	if err := s.newline(depth); err != nil {
		return err
	}
	return s.str("}")
}

func (s *jsonStream) array(v reflect.Value, depth, levels int) error {
	if v.IsNil() {
		return s.str("null")
	}
	if v.Len() == 0 {
		return s.str("[]")
	}
	for i := range v.Len() {
		sep := ","
		if i == 0 {
			sep = "["
		}
		if err := s.str(sep); err != nil {
			return err
		}
		if err := s.newline(depth + 1); err != nil {
			return err
		}
		if err := s.value(v.Index(i), depth+1, levels-1); err != nil {
			return err
		}
	}
	if err := s.newline(depth); err != nil {
		return err
	}
	return s.str("]")
}

// leaf encodes v whole and indents it at depth. An addressable value is
// encoded through its address, as encoding/json does inside a document, so
// a MarshalJSON with a pointer receiver is used here too.
func (s *jsonStream) leaf(v reflect.Value, depth int) error {
	x := v.Interface()
	if v.CanAddr() {
		x = v.Addr().Interface()
	}
	s.compact.Reset()
	if err := s.enc.Encode(x); err != nil {
		return err
	}
	s.indented.Reset()
	if err := json.Indent(&s.indented, bytes.TrimSuffix(s.compact.Bytes(), []byte("\n")), strings.Repeat("  ", depth), "  "); err != nil {
		return err
	}
	_, err := s.w.Write(s.indented.Bytes())
	return err
}
