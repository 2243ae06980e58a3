package plan

import "testing"

func TestLooksLikePlan(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want bool
	}{
		{"plan", "plandiff: 1\nversion: {}\n", true},
		{"key not first", "# a comment\nversion:\n  id: x\nplandiff: 1\n", true},
		{"quoted key", "\"plandiff\": 1\n", true},
		{"byte-order mark", "\ufeffplandiff: 1\n", true},
		{"broken plan", "plandiff: 1\nversion: [\n", true},
		{"nested key is not top level", "other:\n  plandiff: 1\n", false},
		{"in a value", "name: plandiff: 1\n", false},
		{"workflow", "name: ci\non: push\njobs: {}\n", false},
		{"longer key", "plandiffs: 1\n", false},
		{"flow style is not recognised", "{plandiff: 1}\n", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := LooksLikePlan([]byte(tc.data)); got != tc.want {
				t.Errorf("LooksLikePlan(%q) = %v, want %v", tc.data, got, tc.want)
			}
		})
	}
}

func TestIsPlanFileName(t *testing.T) {
	for name, want := range map[string]bool{
		"plans/a.yaml": true, "a.yml": true, "plans/topics.yaml": false,
		"a.json": false, "a.yaml.bak": false, `dir\b.yaml`: true, "topics.yml": true,
	} {
		if got := IsPlanFileName(name); got != want {
			t.Errorf("IsPlanFileName(%q) = %v, want %v", name, got, want)
		}
	}
}
