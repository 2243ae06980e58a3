package testprogress

import (
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
