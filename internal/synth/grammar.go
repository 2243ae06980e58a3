package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// The grammar writes treaty-like clauses: parties bound to obligations on
// objects, with places, figures, deadlines and cross-references. Each clause
// has a topic whose nouns it mostly uses, so clauses of one topic share
// vocabulary as real ones do; the connecting words ("the Parties shall",
// "within 30 days of signing") repeat everywhere. Places are partly real and
// partly made of syllables drawn with a Zipf law from a pool that grows with
// the document, and cited article numbers range wider in a longer document,
// so a long document has a long tail of rare words as a real one has.

var parties = []string{
	"the Parties", "Ukraine", "the Russian Federation", "Russia", "the United States",
	"the European Union", "NATO", "the Board of Peace", "the signatories",
	"the guarantor states", "the Joint Commission", "the IAEA", "the United Nations",
	"the Government of Ukraine", "the Coalition of the Willing", "the Peace Council",
}

var topicNouns = map[string][]string{
	"military":            {"armed forces", "troops", "personnel", "artillery", "missile systems", "air defence", "naval units", "military bases", "heavy weapons", "drones", "brigades", "reserve units", "training missions", "conscription", "mobilisation", "ammunition stocks", "combat aircraft", "armoured vehicles", "rocket launchers", "general staff"},
	"territory":           {"the line of contact", "the demilitarised zone", "the administrative border", "the occupied areas", "border crossings", "checkpoints", "the buffer zone", "territorial claims", "de facto control", "enclaves", "river crossings", "coastal districts", "mined areas", "exclusion zones", "cadastral records"},
	"sanctions":           {"sanctions", "export controls", "asset freezes", "trade restrictions", "visa bans", "financial measures", "secondary sanctions", "snapback provisions", "sectoral restrictions", "banking exclusions", "price caps", "shipping bans"},
	"economy":             {"trade", "investment", "tariffs", "customs duties", "supply chains", "markets", "joint ventures", "free trade arrangements", "economic cooperation", "grain exports", "rare earth deposits", "data centres", "industrial parks", "development banks"},
	"reconstruction":      {"infrastructure", "housing", "schools", "hospitals", "bridges", "railways", "power lines", "water supply", "ports", "industrial facilities", "heating networks", "airports", "motorways", "sewage plants", "public buildings"},
	"frozen-assets":       {"frozen assets", "sovereign reserves", "central bank funds", "escrow accounts", "investment vehicles", "profits", "immobilised holdings", "custodial accounts", "bond coupons", "clearing balances"},
	"energy":              {"gas transit", "pipelines", "the electricity grid", "power plants", "fuel deliveries", "energy exports", "grid interconnections", "storage facilities", "hydroelectric dams", "oil terminals", "substations"},
	"nuclear-plant":       {"the nuclear plant", "reactor units", "cooling water", "spent fuel", "the plant's output", "safety systems", "operating licences", "radiation monitoring", "emergency diesel generators", "the cooling pond"},
	"humanitarian":        {"humanitarian corridors", "aid deliveries", "displaced persons", "civilians", "refugees", "medical supplies", "family reunification", "evacuation routes", "field hospitals", "food convoys", "shelter programmes"},
	"prisoners":           {"prisoners of war", "detained civilians", "the remains of the dead", "deported children", "hostages", "political prisoners", "exchanges of detainees", "missing persons", "detention registers", "repatriation flights"},
	"elections":           {"elections", "polling stations", "electoral observers", "voter registers", "the presidential vote", "parliamentary elections", "the campaign", "ballot papers", "the central electoral commission", "postal voting", "campaign finance"},
	"ceasefire":           {"hostilities", "the ceasefire", "long-range strikes", "shelling", "offensive operations", "air attacks", "the cessation of fire", "naval blockades", "sabotage", "drone incursions", "violations"},
	"monitoring":          {"observers", "monitoring missions", "compliance reports", "satellite imagery", "verification teams", "the monitoring mechanism", "inspection visits", "sensor networks", "incident logs", "hotlines"},
	"security-guarantees": {"security guarantees", "collective defence", "mutual assistance", "guarantor obligations", "a reassurance force", "the guarantee mechanism", "consultations", "air policing", "intelligence sharing", "defence production"},
	"nato":                {"membership", "enlargement", "the alliance", "accession", "partnership programmes", "foreign troop deployments", "the open door policy", "exercises", "command structures"},
	"sovereignty":         {"sovereignty", "independence", "territorial integrity", "the constitution", "national institutions", "the state border", "self-determination", "state symbols", "foreign policy"},
	"language-religion":   {"minority languages", "churches", "religious communities", "cultural institutions", "the Russian language", "places of worship", "the Hungarian minority", "language quotas", "broadcasting licences"},
	"education":           {"curricula", "schools", "universities", "textbooks", "exchange programmes", "teacher training", "diplomas", "scholarships", "vocational colleges"},
	"amnesty":             {"amnesty", "claims", "prosecutions", "war crimes investigations", "criminal proceedings", "liability", "tribunals", "pardons", "compensation claims", "extradition requests"},
	"implementation":      {"the agreement", "the timetable", "the provisions", "the annexes", "this framework", "the implementing arrangements", "the dispute procedure", "the review conference", "ratification", "the secretariat"},
}

// Instruments and bodies a clause may refer to; the names made of syllables
// give long documents their own rare words.
var instruments = []string{"Agreement", "Protocol", "Memorandum", "Framework", "Declaration", "Convention", "Charter", "Accord"}

var qualifiers = []string{
	"in accordance with Article {n} of the {inst}",
	"as provided in Annex {letter}",
	"pursuant to paragraph {n}",
	"under the supervision of the {place} Commission",
	"in consultation with {org}",
	"including {object} and {object}",
	"in particular {object}",
	"without prejudice to Article {n}",
	"as set out in the {place} {inst} of {year}",
	"on the basis of the {place} report",
}

// topics lists topicNouns' keys in a fixed order (map order is random).
var topics = []string{
	"military", "territory", "sanctions", "economy", "reconstruction", "frozen-assets",
	"energy", "nuclear-plant", "humanitarian", "prisoners", "elections", "ceasefire",
	"monitoring", "security-guarantees", "nato", "sovereignty", "language-religion",
	"education", "amnesty", "implementation",
}

var verbs = []string{
	"establish", "guarantee", "withdraw", "deploy", "restore", "monitor", "verify",
	"suspend", "lift", "reduce", "limit", "transfer", "release", "exchange", "protect",
	"finance", "rebuild", "recognise", "ratify", "implement", "review", "negotiate",
	"enforce", "facilitate", "coordinate", "freeze", "return", "compensate", "supervise",
	"allocate", "reopen", "dismantle", "inspect", "certify", "harmonise", "extend",
	"terminate", "register", "report on", "consult on", "refrain from expanding", "maintain",
}

var participles = []string{
	"established", "guaranteed", "withdrawn", "deployed", "restored", "monitored",
	"verified", "suspended", "lifted", "reduced", "limited", "transferred", "released",
	"protected", "financed", "rebuilt", "recognised", "ratified", "implemented",
	"reviewed", "enforced", "coordinated", "frozen", "returned", "supervised",
	"allocated", "reopened", "dismantled", "inspected", "certified", "extended",
}

var adjectives = []string{
	"all", "any", "joint", "international", "independent", "civilian", "military",
	"heavy", "strategic", "temporary", "permanent", "bilateral", "multilateral",
	"regional", "national", "additional", "existing", "remaining", "neutral", "full",
	"partial", "phased", "verified", "critical", "essential", "agreed", "relevant",
}

var realPlaces = []string{
	"Donetsk", "Luhansk", "Zaporizhzhia", "Kherson", "Kharkiv", "Sumy", "Mykolaiv",
	"Dnipropetrovsk", "Odesa", "Crimea", "Kinburn", "Enerhodar", "Kupiansk", "Sloviansk",
	"Kramatorsk", "Pokrovsk", "Chernihiv", "Bryansk", "Belgorod", "Kursk", "Rostov",
	"Poland", "Romania", "Moldova", "Transnistria", "the Black Sea", "the Sea of Azov", "the Dnipro",
}

var (
	syllA = []string{"Vol", "Nov", "Kras", "Bil", "Zel", "Pol", "Hor", "Myr", "Slav", "Kost", "Ser", "Pet", "Ol", "Dob", "Lys", "Tor", "Bor", "Hlyb", "Star", "Vyn"}
	syllB = []string{"o", "a", "y", "e", "i", "ov", "en", "ar"}
	syllC = []string{"hrad", "pil", "sk", "ivka", "ove", "yne", "ansk", "opol", "ets", "yn", "ka", "ychi", "avka", "omyr"}
)

var units = []struct {
	unit     string
	min, max int
}{
	{"personnel", 50_000, 900_000}, {"troops", 1_000, 200_000}, {"kilometres", 5, 400},
	{"days", 10, 180}, {"months", 2, 36}, {"years", 2, 30}, {"percent", 5, 95},
	{"tonnes", 100, 50_000}, {"megawatts", 50, 6_000}, {"aircraft", 10, 200},
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

var conditions = []string{
	"the ceasefire holding", "verification by {org}", "parliamentary approval",
	"the consent of {party}", "a referendum in {place}", "the report of {org}",
	"full compliance by {party}", "the exchange of ratification instruments",
}

var events = []string{"signing", "entry into force", "the ceasefire", "ratification", "the first elections", "the withdrawal"}

var orgs = []string{"the IAEA", "the OSCE", "the Joint Commission", "the United Nations", "the monitoring mission", "the Board of Peace"}

// grammar draws clause text. It owns its random source.
type grammar struct {
	r        *rand.Rand
	places   *rand.Zipf
	articles int // highest article number cited
}

// newGrammar sizes the vocabulary to the document: as in real text (Heaps'
// law), a longer document has more distinct names and cross-references.
func newGrammar(r *rand.Rand, clauses int) *grammar {
	pool := max(uint64(clauses), 64) // distinct generated places
	return &grammar{r: r, places: rand.NewZipf(r, 1.05, 2, pool-1), articles: max(400, clauses/10)}
}

func (g *grammar) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *grammar) topic() string { return topics[g.r.IntN(len(topics))] }

// place returns a real place one time in four, else a generated one.
func (g *grammar) place() string {
	if g.r.IntN(4) == 0 {
		return g.pick(realPlaces)
	}
	k := g.places.Uint64()
	a := syllA[k%uint64(len(syllA))]
	k /= uint64(len(syllA))
	b := syllB[k%uint64(len(syllB))]
	k /= uint64(len(syllB))
	c := syllC[k%uint64(len(syllC))]
	k /= uint64(len(syllC))
	name := a + b + c
	if k > 0 {
		name += "-" + strings.ToLower(syllA[k%uint64(len(syllA))]) + syllC[(k/uint64(len(syllA)))%uint64(len(syllC))]
	}
	return name
}

// figure returns a number with its unit, such as "600,000 personnel".
func (g *grammar) figure() string {
	u := units[g.r.IntN(len(units))]
	return commas(u.min+g.r.IntN(u.max-u.min+1)) + " " + u.unit
}

func (g *grammar) money() string {
	return fmt.Sprintf("$%d %s", 1+g.r.IntN(400), g.pick([]string{"billion", "million"}))
}

// number returns a new value for a figure token: a different number of the
// same order of magnitude.
func (g *grammar) number(old string) string {
	n, err := strconv.Atoi(strings.ReplaceAll(old, ",", ""))
	if err != nil || n <= 0 {
		return commas(1 + g.r.IntN(1000))
	}
	for {
		m := n/2 + g.r.IntN(n+1)
		if m != n && m > 0 {
			return commas(m)
		}
		n++
	}
}

func commas(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (g *grammar) object(topic string) string {
	nouns := topicNouns[topic]
	if g.r.IntN(5) == 0 {
		nouns = topicNouns[g.topic()]
	}
	n := g.pick(nouns)
	switch g.r.IntN(4) {
	case 0:
		return g.pick(adjectives) + " " + strings.TrimPrefix(n, "the ")
	case 1:
		return n + " of " + g.place()
	}
	return n
}

func (g *grammar) location() string {
	switch g.r.IntN(6) {
	case 0:
		return "in the " + g.place() + " region"
	case 1:
		return "along the " + g.place() + " line"
	case 2:
		return "near " + g.place()
	case 3:
		return "from " + g.place() + " and " + g.place()
	}
	return ""
}

func (g *grammar) deadline() string {
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprintf("within %d days of %s", 10+g.r.IntN(170), g.pick(events))
	case 1:
		return fmt.Sprintf("by %d %s %d", 1+g.r.IntN(28), g.pick(months), 2026+g.r.IntN(5))
	case 2:
		return fmt.Sprintf("no later than %d months after %s", 1+g.r.IntN(24), g.pick(events))
	}
	return ""
}

func (g *grammar) fillSlots(s, topic string) string {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], '}') + i
		var v string
		switch s[i+1 : j] {
		case "org":
			v = g.pick(orgs)
		case "party":
			v = g.pick(parties)
		case "place":
			v = g.place()
		case "n":
			v = strconv.Itoa(1 + g.r.IntN(g.articles))
		case "letter":
			v = string(rune('A' + g.r.IntN(12)))
		case "inst":
			v = g.pick(instruments)
		case "year":
			v = strconv.Itoa(1991 + g.r.IntN(36))
		case "object":
			v = g.object(topic)
		}
		s = s[:i] + v + s[j+1:]
	}
}

// sentence returns one sentence about topic.
func (g *grammar) sentence(topic string) string {
	p := g.pick(parties)
	var s string
	switch g.r.IntN(10) {
	case 0:
		s = join(p, "shall", g.pick(verbs), g.object(topic), g.location(), g.deadline())
	case 1:
		s = join(p, "and", g.pick(parties), "agree to", g.pick(verbs), g.object(topic), g.deadline())
	case 2:
		s = join(p, "will", g.pick(verbs), g.object(topic)+", subject to", g.fillSlots(g.pick(conditions), topic))
	case 3:
		s = join("The", strings.TrimPrefix(g.pick(topicNouns[topic]), "the "), "of", p, "shall not exceed", g.figure())
	case 4:
		s = join(p, "shall provide", g.money(), "for", g.object(topic), g.location())
	case 5:
		s = join(fmt.Sprintf("Within %d days of %s,", 10+g.r.IntN(170), g.pick(events)), p, "shall", g.pick(verbs), g.object(topic), g.location())
	case 6:
		s = join(g.object(topic), g.location(), "shall be", g.pick(participles), "by", p)
	case 7:
		s = join("No", strings.TrimPrefix(g.pick(topicNouns[topic]), "the "), "shall be", g.pick(participles), g.location(), "without the consent of", g.pick(parties))
	case 8:
		s = join(p, "recognises", g.object(topic), "as", g.pick(adjectives), "and binding, up to", g.figure())
	default:
		s = join("If", p, "fails to", g.pick(verbs), g.object(topic)+",", g.pick(parties), "shall", g.pick(verbs), g.object(topic), g.deadline())
	}
	if g.r.IntN(2) == 0 {
		s += ", " + g.fillSlots(g.pick(qualifiers), topic)
	}
	return capitalise(s) + "."
}

// clause returns the text of a point (1 to 3 sentences) or a sub-point (1).
func (g *grammar) clause(topic string, sub bool) string {
	n := 1
	if !sub {
		n = 1 + g.r.IntN(3)
	}
	parts := make([]string, n)
	for i := range parts {
		parts[i] = g.sentence(topic)
	}
	return strings.Join(parts, " ")
}

// word returns a random word for rewording: mostly connecting vocabulary,
// sometimes a content word.
func (g *grammar) word(topic string) string {
	switch g.r.IntN(6) {
	case 0:
		return g.pick(verbs)
	case 1:
		return g.pick(participles)
	case 2:
		return g.pick(adjectives)
	case 3:
		return strings.Fields(g.object(topic))[0]
	case 4:
		return g.place()
	}
	return g.pick([]string{"shall", "also", "fully", "promptly", "jointly", "the", "of", "and", "in", "under", "within", "where", "appropriate", "including", "further", "respective", "immediately", "together"})
}

func join(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
