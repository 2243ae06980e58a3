package testprogress

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	for _, tc := range []struct {
		name   string
		stream string
		want   string
		counts Counts
	}{{
		name: "pass, subtests counted, module left off",
		stream: `{"Action":"run","Package":"m/p","Test":"TestA"}
{"Action":"output","Package":"m/p","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"pass","Package":"m/p","Test":"TestA/sub","Elapsed":0}
{"Action":"pass","Package":"m/p","Test":"TestA","Elapsed":0.5}
{"Action":"skip","Package":"m/p","Test":"TestB","Elapsed":0}
{"Action":"output","Package":"m/p","Output":"ok  \tm/p\t1.5s\n"}
{"Action":"pass","Package":"m/p","Elapsed":1.5}
`,
		want:   "✓  p (1.5s)\n",
		counts: Counts{Tests: 3, Skipped: 1},
	}, {
		name: "no test files",
		stream: `{"Action":"output","Package":"m/q","Output":"?   \tm/q\t[no test files]\n"}
{"Action":"skip","Package":"m/q","Elapsed":0}
`,
		want: "∅  q\n",
	}, {
		name: "failed test shows its output, not the passing one's",
		stream: `{"Action":"output","Package":"m/p","Test":"TestOK","Output":"ok output\n"}
{"Action":"pass","Package":"m/p","Test":"TestOK","Elapsed":0}
{"Action":"output","Package":"m/p","Test":"TestBad","Output":"    x_test.go:3: boom\n"}
{"Action":"fail","Package":"m/p","Test":"TestBad","Elapsed":0}
{"Action":"output","Package":"m/p","Output":"FAIL\n"}
{"Action":"fail","Package":"m/p","Elapsed":0.012}
`,
		want:   "✖  p (12ms)\n=== FAIL m/p TestBad\n        x_test.go:3: boom\n",
		counts: Counts{Tests: 2, Failed: 1, FailedPackages: []string{"p"}},
	}, {
		name: "build failure shows the compiler's errors",
		stream: `{"ImportPath":"m/c [m/c.test]","Action":"build-output","Output":"c_test.go:3:27: undefined: x\n"}
{"ImportPath":"m/c [m/c.test]","Action":"build-fail"}
{"Action":"start","Package":"m/c"}
{"Action":"output","Package":"m/c","Output":"FAIL\tm/c [build failed]\n"}
{"Action":"fail","Package":"m/c","Elapsed":0,"FailedBuild":"m/c [m/c.test]"}
`,
		want:   "✖  c (0s)\n    c_test.go:3:27: undefined: x\n    FAIL\tm/c [build failed]\n",
		counts: Counts{FailedPackages: []string{"c"}},
	}, {
		name:   "lines that are not JSON pass through; other modules keep their path",
		stream: "go: downloading x\n{\"Action\":\"pass\",\"Package\":\"other/p\",\"Elapsed\":2}\n",
		want:   "go: downloading x\n✓  other/p (2s)\n",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			c, err := Report(strings.NewReader(tc.stream), &out, "m")
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("output:\n%q\nwant\n%q", out.String(), tc.want)
			}
			if c.Tests != tc.counts.Tests || c.Skipped != tc.counts.Skipped || c.Failed != tc.counts.Failed ||
				strings.Join(c.FailedPackages, ",") != strings.Join(tc.counts.FailedPackages, ",") {
				t.Errorf("counts %+v, want %+v", c, tc.counts)
			}
		})
	}
}

// TestReportAll: the same package tested in two runs read side by side is
// two packages, each with its own output; lines are never mixed.
func TestReportAll(t *testing.T) {
	race := `{"Action":"output","Package":"m/p","Test":"TestA","Output":"race run output\n"}
{"Action":"pass","Package":"m/p","Test":"TestA","Elapsed":0}
{"Action":"pass","Package":"m/p","Elapsed":2}
`
	scripts := `{"Action":"output","Package":"m/p","Test":"TestScripts","Output":"    script failed\n"}
{"Action":"fail","Package":"m/p","Test":"TestScripts","Elapsed":0}
{"Action":"output","Package":"m/p","Output":"FAIL\n"}
go: a message
{"Action":"fail","Package":"m/p","Elapsed":3}
`
	for range 20 { // the streams interleave differently from run to run
		var out strings.Builder
		c, err := ReportAll([]io.Reader{strings.NewReader(race), strings.NewReader(scripts)}, &out, "m")
		if err != nil {
			t.Fatal(err)
		}
		got := out.String()
		for _, want := range []string{"✓  p (2s)\n", "✖  p (3s)\n=== FAIL m/p TestScripts\n        script failed\n", "go: a message\n"} {
			if !strings.Contains(got, want) {
				t.Fatalf("output lacks %q:\n%s", want, got)
			}
		}
		if strings.Contains(got, "race run output") {
			t.Fatalf("the passing run's output shown with the failure:\n%s", got)
		}
		if c.Tests != 2 || c.Failed != 1 || strings.Join(c.FailedPackages, ",") != "p" {
			t.Fatalf("counts %+v", c)
		}
	}
}

// TestReportAllReadError: a stream that fails to read is reported once all
// streams have ended, and the others are read whole.
func TestReportAllReadError(t *testing.T) {
	var out strings.Builder
	bad := io.MultiReader(strings.NewReader("{\"Action\":\"pass\",\"Package\":\"m/a\",\"Elapsed\":1}\n"), errReader{})
	_, err := ReportAll([]io.Reader{bad, strings.NewReader("{\"Action\":\"pass\",\"Package\":\"m/b\",\"Elapsed\":1}\n")}, &out, "m")
	if err == nil || !strings.Contains(out.String(), "✓  a (1s)") || !strings.Contains(out.String(), "✓  b (1s)") {
		t.Fatalf("err %v, output:\n%s", err, out.String())
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("read failed") }
