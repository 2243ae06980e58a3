package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff"
)

// eval scores a diff written by `plandiff diff --format json` against the
// truth that `synth gen` wrote for the same pair.
func eval(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	truthPath := fs.String("truth", "", "truth.json written by synth gen")
	diffPath := fs.String("diff", "", "output of plandiff diff --format json (- for standard input)")
	asJSON := fs.Bool("json", false, "print the score as one line of JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("eval: unexpected argument %q\n%s", fs.Arg(0), usage)
	}
	if *truthPath == "" || *diffPath == "" {
		return errors.New("eval: -truth and -diff are required\n" + usage)
	}
	var t synth.Truth
	if err := decodeFile(*truthPath, &t); err != nil {
		return err
	}
	if t.Groups == nil {
		return fmt.Errorf("eval: %s holds no truth groups", *truthPath)
	}
	var r diff.Result
	if err := decodeFile(*diffPath, &r); err != nil {
		return err
	}
	if r.Schema != diff.Schema {
		return fmt.Errorf("eval: %s: schema %q, want %q (the output of plandiff diff --format json)", *diffPath, r.Schema, diff.Schema)
	}
	s := synth.Evaluate(&r, t)
	if *asJSON {
		b, err := json.Marshal(scoreJSON(s))
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", b)
		return err
	}
	if _, err := fmt.Fprintf(stdout, "%s against %s: %d changes, %d true groups, match %s\n\n", *diffPath, *truthPath, s.Predicted, s.Truth, r.Match); err != nil {
		return err
	}
	return s.Fprint(stdout)
}

// decodeFile decodes the JSON document in path ("-": standard input) into v.
func decodeFile(path string, v any) error {
	var in io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	d := json.NewDecoder(bufio.NewReaderSize(in, 1<<20))
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if _, err := d.Token(); err != io.EOF {
		return fmt.Errorf("%s: more than one JSON document", path)
	}
	return nil
}

// The -json form of a Score: fields in a fixed order (pairs first, then
// precision, recall, f1), so that a shell script can read the pair F1 with
// sed as well as with jq.
type prfJSON struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
}

type accJSON struct {
	Accuracy float64 `json:"accuracy"`
	Right    int     `json:"right"`
	Total    int     `json:"total"`
}

type evalJSON struct {
	Pairs       prfJSON            `json:"pairs"`
	Moved       prfJSON            `json:"moved"`
	Kinds       map[string]accJSON `json:"kinds"`
	TruthGroups int                `json:"truth_groups"`
	Changes     int                `json:"changes"`
}

func prf(p synth.PRF) prfJSON {
	return prfJSON{Precision: p.Precision(), Recall: p.Recall(), F1: p.F1(), TP: p.TP, FP: p.FP, FN: p.FN}
}

func scoreJSON(s synth.Score) evalJSON {
	out := evalJSON{Pairs: prf(s.Pairs), Moved: prf(s.Moved), Kinds: map[string]accJSON{}, TruthGroups: s.Truth, Changes: s.Predicted}
	for k, a := range s.Kinds {
		out.Kinds[k] = accJSON{Accuracy: a.Rate(), Right: a.Right, Total: a.Total}
	}
	return out
}
