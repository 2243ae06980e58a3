package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// probe runs in a copy of the report (never in the report itself, which
// has no script and forbids one): it checks, in a real browser, that the
// fragment's element is the :target, that every internal link resolves,
// that the inline view shows first, and that clicking "side by side" swaps
// the views with CSS alone. It writes its findings into the DOM, which
// chromium --dump-dom prints.
const probe = `<script>
window.addEventListener("load", function () {
  var out = [];
  function shown(el) { return el && getComputedStyle(el).display !== "none"; }
  var t = document.querySelector(":target");
  out.push("target=" + (t ? t.id : "none"));
  // Follow the lineage link from the clause to its source in a parent version.
  var from = t && t.querySelector('.lineage a[href^="#c-"]');
  if (from) {
    from.click();
    var t2 = document.querySelector(":target");
    out.push("followed=" + (t2 ? t2.id : "none"));
  }
  var bad = 0, links = document.querySelectorAll('a[href^="#"]');
  for (var i = 0; i < links.length; i++) {
    if (!document.getElementById(decodeURIComponent(links[i].getAttribute("href").slice(1)))) bad++;
  }
  out.push("links=" + links.length + " broken=" + bad);
  var inl = document.querySelector(".inline"), side = document.querySelector(".side");
  out.push("before inline=" + shown(inl) + " side=" + shown(side));
  document.querySelector('label[for="view-side"]').click();
  out.push("after inline=" + shown(inl) + " side=" + shown(side) + " display=" + getComputedStyle(side).display);
  document.querySelector('label[for="view-inline"]').click();
  out.push("back inline=" + shown(inl) + " side=" + shown(side));
  out.push("width=" + document.documentElement.scrollWidth + "/" + window.innerWidth);
  var p = document.createElement("pre");
  p.id = "probe-result";
  p.textContent = "@@" + "RESULT " + out.join("; ") + " @@" + "END";
  document.body.appendChild(p);
});
</script>`

func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium not installed: the browser test needs headless Chromium on PATH (Debian package chromium; .ci/run installs it when it can)")
	return ""
}

func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(),
	}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the browser test starts Chromium six times")
	}
	bin := chromiumPath(t)
	var page bytes.Buffer
	if err := HTML(&page, Build(corpusLineage(t), Options{})); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	report := filepath.Join(dir, "report.html")
	if err := os.WriteFile(report, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The probe copy: the CSP is relaxed to let the probe run, nothing else
	// changes.
	doc := strings.Replace(page.String(), "script-src 'none'", "script-src 'unsafe-inline'", 1)
	doc = strings.Replace(doc, "</body>", probe+"</body>", 1)
	probed := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(probed, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	const target = "c-framework-20_armed-forces-size"
	for _, width := range []string{"390,844", "1280,900"} {
		t.Run("width "+width, func(t *testing.T) {
			dom := runChromium(t, bin, "--window-size="+width, "--dump-dom", "file://"+probed+"#"+target)
			m := regexp.MustCompile(`@@RESULT (.*?) @@END`).FindSubmatch(dom)
			if m == nil {
				t.Fatalf("the probe did not run; DOM starts %q", dom[:min(len(dom), 300)])
			}
			got := string(m[1])
			t.Log(got)
			for _, want := range []string{
				"target=" + target,
				"followed=c-geneva-19_armed-forces-size",
				"broken=0",
				"before inline=true side=false",
				"after inline=false side=true display=grid",
				"back inline=true side=false",
			} {
				if !strings.Contains(got, want) {
					t.Errorf("probe: want %q in %q", want, got)
				}
			}
			// Nothing wider than the window: wide tables scroll inside their box.
			if w := regexp.MustCompile(`width=(\d+)/(\d+)`).FindStringSubmatch(got); w == nil || w[1] != w[2] {
				t.Errorf("page wider than the window: %q", got)
			}
		})
	}
	// The report itself (strict CSP, no script) renders: a screenshot at
	// phone and desktop width. PLANDIFF_SCREENSHOTS=DIR keeps them.
	shots := os.Getenv("PLANDIFF_SCREENSHOTS")
	if shots == "" {
		shots = dir
	}
	for name, size := range map[string]string{"phone.png": "390,1600", "desktop.png": "1280,1600"} {
		out := filepath.Join(shots, name)
		runChromium(t, bin, "--window-size="+size, "--screenshot="+out, "file://"+report)
		st, err := os.Stat(out)
		if err != nil || st.Size() < 10000 {
			t.Errorf("screenshot %s missing or blank (%v)", name, err)
		}
	}
	// The strict page keeps its script out: the DOM has no script element.
	dom := runChromium(t, bin, "--dump-dom", "file://"+report)
	if bytes.Contains(dom, []byte("<script")) {
		t.Error("the report's DOM holds a script")
	}
	if !bytes.Contains(dom, []byte(`id="`+target+`"`)) {
		t.Error("the report's DOM lacks the clause anchor")
	}
}
