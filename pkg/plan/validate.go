package plan

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// isVersionID reports a slug: ^[a-z0-9][a-z0-9-]*$. (Written out rather
// than as a regexp: it runs for every id of a large file.)
func isVersionID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' && i > 0) {
			return false
		}
	}
	return s != ""
}

// isLocalID reports ^[A-Za-z0-9][A-Za-z0-9._-]*$. Clause and source ids may
// be opaque (generated, imported) but never hold white space or '#', which
// separates version and clause in derives_from.
func isLocalID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-')) {
			return false
		}
	}
	return s != ""
}

const maxIDLen = 200

// checkSourceIDs checks the ids of a file's sources (their syntax, no
// duplicates) and returns where each is defined.
func checkSourceIDs(sources []Source, errs *ErrorList) map[string]Pos {
	srcs := make(map[string]Pos, len(sources))
	for _, s := range sources {
		if s.ID == "" {
			continue
		}
		if !isLocalID(s.ID) || len(s.ID) > maxIDLen {
			errs.Add(s.Pos, "source id %q must be letters, digits, '.', '_' or '-'", s.ID)
		}
		if prev, dup := srcs[s.ID]; dup {
			errs.Add(s.Pos, "duplicate source id %q (first at line %d, column %d)", s.ID, prev.Line, prev.Col)
			continue
		}
		srcs[s.ID] = s.Pos
	}
	return srcs
}

// checkPlan applies the rules that need the whole file: ids, references to
// the file's sources, removed entries and the syntax of lineage links.
func checkPlan(p *Plan) ErrorList {
	var errs ErrorList
	v := &p.Version
	if v.ID != "" && (!isVersionID(v.ID) || len(v.ID) > maxIDLen) {
		errs.Add(v.IDPos, "version id %q must be a slug: lower-case letters, digits and '-', starting with a letter or digit", v.ID)
	}
	srcs := checkSourceIDs(v.Sources, &errs)
	for i, sup := range v.Supersedes {
		if sup == v.ID {
			errs.Add(v.SupersedesPos[i], "version %q supersedes itself", sup)
		} else if !isVersionID(sup) {
			errs.Add(v.SupersedesPos[i], "supersedes: %q is not a version id", sup)
		}
	}

	ids := make(map[string]Pos, p.Count())
	p.Walk(func(c, _ *Clause, _ int) {
		if c.ID != "" {
			if !isLocalID(c.ID) || len(c.ID) > maxIDLen {
				errs.Add(c.IDPos, "clause id %q must be letters, digits, '.', '_' or '-' (no spaces or '#')", c.ID)
			}
			if prev, dup := ids[c.ID]; dup {
				errs.Add(c.IDPos, "duplicate clause id %q (first at line %d, column %d)", c.ID, prev.Line, prev.Col)
			} else {
				ids[c.ID] = c.IDPos
			}
		}
		// A clause cites a handful of sources, checked for repeats by
		// looking back; a hostile list of thousands gets a map.
		var cited map[string]bool
		if len(c.Sources) > 16 {
			cited = make(map[string]bool, len(c.Sources))
		}
		for i, s := range c.Sources {
			var twice bool
			if cited != nil {
				twice = cited[s]
				cited[s] = true
			} else {
				twice = slices.Contains(c.Sources[:i], s)
			}
			switch {
			case twice:
				errs.Add(c.SourcesPos[i], "source %q is cited twice in clause %q", s, c.ID)
			case !hasKey(srcs, s):
				errs.Add(c.SourcesPos[i], "source %q is not listed in version.sources%s", s, didYouMean(s, srcs))
			}
		}
		if c.Removed && len(c.Clauses) > 0 {
			errs.Add(c.Pos, "removed clause %q cannot have sub-points", c.ID)
		}
		if c.Removed && c.Subclauses != "" {
			errs.Add(c.Pos, "removed clause %q cannot say how complete its sub-points are (subclauses)", c.ID)
		}
		errs = append(errs, checkVariants(c, srcs)...)
		for i, d := range c.DerivesFrom {
			ver, id, ok := SplitRef(d)
			switch {
			case !ok:
				errs.Add(c.DerivesFromPos[i], "derives_from %q must be VERSION#CLAUSE", d)
			case ver == v.ID:
				errs.Add(c.DerivesFromPos[i], "derives_from %q must name another version, not this one", d)
			case !isVersionID(ver) || !isLocalID(id):
				errs.Add(c.DerivesFromPos[i], "derives_from %q is not a valid VERSION#CLAUSE reference", d)
			}
		}
	})
	return errs
}

// checkVariants checks a clause's variant readings: none on a removed
// entry; two at least, distinct; at most one followed by the text; sources
// that the version lists, each cited once per reading.
func checkVariants(c *Clause, srcs map[string]Pos) ErrorList {
	var errs ErrorList
	if len(c.Variants) == 0 {
		return nil
	}
	if c.Removed {
		errs.Add(c.Variants[0].Pos, "removed clause %q cannot have variant readings", c.ID)
		return errs
	}
	if len(c.Variants) < 2 {
		errs.Add(c.Variants[0].Pos, "clause %q lists one variant: variants record a disagreement, so give every reading (two or more)", c.ID)
	}
	followed := 0
	for i, v := range c.Variants {
		for _, u := range c.Variants[:i] {
			if v.Reading != "" && strings.EqualFold(u.Reading, v.Reading) {
				errs.Add(v.Pos, "variant reading %q of clause %q is listed twice (first at line %d, column %d)", v.Reading, c.ID, u.Pos.Line, u.Pos.Col)
				break
			}
		}
		if v.Followed {
			followed++
			if followed == 2 {
				errs.Add(v.Pos, "clause %q follows two variant readings: mark followed: true on the one the text follows", c.ID)
			}
		}
		for j, s := range v.Sources {
			switch {
			case slices.Contains(v.Sources[:j], s):
				errs.Add(v.SourcesPos[j], "source %q is cited twice in variant %q", s, v.Reading)
			case !hasKey(srcs, s):
				errs.Add(v.SourcesPos[j], "source %q is not listed in version.sources%s", s, didYouMean(s, srcs))
			}
		}
	}
	return errs
}

// SplitRef splits a lineage reference "VERSION#CLAUSE".
func SplitRef(ref string) (version, clause string, ok bool) {
	version, clause, ok = strings.Cut(ref, "#")
	if !ok || version == "" || clause == "" || strings.Contains(clause, "#") {
		return "", "", false
	}
	return version, clause, true
}

func hasKey(m map[string]Pos, k string) bool {
	_, ok := m[k]
	return ok
}

func didYouMean(s string, known map[string]Pos) string {
	keys := make([]string, 0, len(known))
	for k := range known {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if sug := suggest(s, keys); sug != "" {
		return " (did you mean " + strconv.Quote(sug) + "?)"
	}
	return ""
}
