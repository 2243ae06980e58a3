package words

// Similarity returns how much of two texts' wording their edits keep: the
// share of word tokens (see Tokenize) that are equal, counted on both sides,
// 2·equal / (2·equal + deleted + inserted). It is 1 for identical texts, 0
// when no word is shared, and symmetric in the two texts. White space never
// counts, so texts that differ only in spacing score 1; punctuation counts
// only when neither text has a word.
//
// It measures wording, not meaning: a reordered clause scores by what the
// edit script keeps in order, and one changed figure costs as much as any
// other changed word.
func Similarity(edits []Edit) float64 {
	var words, others [3]int // tokens per op: equal, delete, insert
	for _, e := range edits {
		op := 0
		switch e.Op {
		case OpDelete:
			op = 1
		case OpInsert:
			op = 2
		case OpEqual:
		default:
			continue
		}
		for i := 0; i < len(e.Text); {
			j, kind := scan(e.Text, i)
			switch kind {
			case kindWord:
				words[op]++
			case kindOther:
				others[op]++
			}
			i = j
		}
	}
	switch {
	case words != [3]int{}:
		return dice(words)
	case others != [3]int{}:
		return dice(others)
	}
	return 1
}

func dice(n [3]int) float64 {
	return float64(2*n[0]) / float64(2*n[0]+n[1]+n[2])
}
