package diff

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/plans"
)

func TestZZDebug(t *testing.T) {
	name := os.Getenv("PARA")
	if name == "" {
		t.Skip()
	}
	ctx := context.Background()
	corpus, err := plan.LoadDir(ctx, plans.FS, ".", "plans", plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var truth struct {
		Old    string
		Groups []struct{ Old, New []string }
	}
	data, _ := os.ReadFile("../../testdata/paraphrase/" + name + ".truth.json")
	json.Unmarshal(data, &truth)
	nd, _ := os.ReadFile("../../testdata/paraphrase/" + name + ".yaml")
	np, err := plan.Parse(ctx, name, nd, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := corpus.Get(truth.Old)
	opts, _ := Options{Match: MatchContent}.withDefaults()
	a := newAligner(ctx, old, np, opts)
	a.buildVectors()
	a.pairIdentical()
	cs := a.candidates()
	tr := map[string]string{}
	for _, g := range truth.Groups {
		for _, o := range g.Old {
			tr[o] = g.New[0]
		}
	}
	nidx := map[string]int{}
	for i, e := range a.new {
		nidx[e.c.ID] = i
	}
	byOld := map[int32][]cand{}
	for _, c := range cs {
		if int(c.n) < len(a.new) {
			byOld[c.o] = append(byOld[c.o], c)
		}
	}
	m := a.match()
	for o, e := range a.old {
		want := tr[e.c.ID]
		wi := nidx[want]
		s, _, sig := m.score(e.bag(), a.new[wi].bag())
		list := byOld[int32(o)]
		sort.Slice(list, func(i, j int) bool { return list[i].sim > list[j].sim })
		line := fmt.Sprintf("%-36s o%-2d true n%-2d %.2f %v |", e.c.ID, o, wi, s, sig.names())
		for k, c := range list {
			if k >= 4 {
				break
			}
			mark := ""
			if int(c.n) == wi {
				mark = "*"
			}
			line += fmt.Sprintf(" n%d%s %.2f", c.n, mark, c.sim)
		}
		fmt.Println(line)
	}
}
