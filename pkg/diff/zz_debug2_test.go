package diff

import (
	"context"
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/plandiff/plandiff/pkg/plan"
)

func TestZZPair(t *testing.T) {
	ov, nv, ids := os.Getenv("OLDV"), os.Getenv("NEWV"), os.Getenv("IDS")
	if ov == "" {
		t.Skip()
	}
	ctx := context.Background()
	corpus, err := plan.LoadDir(ctx, os.DirFS("/tmp/meaning-work/oldplans"), ".", "p", plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts, _ := Options{Match: MatchContent}.withDefaults()
	a := newAligner(ctx, corpus.Get(ov), corpus.Get(nv), opts)
	a.buildVectors()
	a.pairIdentical()
	m := a.match()
	for o, e := range a.old {
		if ids != "" && ids != e.c.ID {
			continue
		}
		type r struct {
			id  string
			s   float64
			sig []string
		}
		var rs []r
		for n := range a.new {
			s, _, sig := m.score(e.bag(), a.new[n].bag())
			rs = append(rs, r{a.new[n].c.ID, s, sig.names()})
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].s > rs[j].s })
		fmt.Printf("%s (o%d):", e.c.ID, o)
		for _, x := range rs[:4] {
			fmt.Printf(" %s %.2f %v;", x.id, x.s, x.sig)
		}
		fmt.Println()
	}
}

func TestZZExplain(t *testing.T) {
	ov, nv, oid, nid := os.Getenv("OLDV"), os.Getenv("NEWV"), os.Getenv("OID"), os.Getenv("NID")
	if oid == "" {
		t.Skip()
	}
	ctx := context.Background()
	corpus, _ := plan.LoadDir(ctx, os.DirFS("/tmp/meaning-work/oldplans"), ".", "p", plan.Options{})
	opts, _ := Options{Match: MatchContent}.withDefaults()
	a := newAligner(ctx, corpus.Get(ov), corpus.Get(nv), opts)
	a.buildVectors()
	var eo, en *entry
	for i := range a.old {
		if a.old[i].c.ID == oid {
			eo = &a.old[i]
		}
	}
	for i := range a.new {
		if a.new[i].c.ID == nid {
			en = &a.new[i]
		}
	}
	v := a.vec
	fmt.Printf("wo %.2f wn %.2f\n", eo.w, en.w)
	for _, x := range eo.terms {
		for _, y := range en.terms {
			if x.word == y.word {
				fmt.Printf("exact %s idf %.2f\n", v.stems[x.word], v.idf[x.word])
			}
		}
	}
	m := a.match()
	tot, soft := m.overlap(eo.bag(), en.bag())
	fmt.Printf("overlap %.2f soft %.2f\n", tot, soft)
	for _, p := range m.pairs {
		ua, ub := m.ua[p.a], m.ub[p.b]
		fmt.Printf("soft %v %v credit %.2f\n", v.stems[ua.terms[0]], v.stems[ub.terms[0]], p.credit)
	}
	s, _, sig := m.score(eo.bag(), en.bag())
	fmt.Println("score", s, sig.names())
}
