package web

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"budgetxl/verify"
	"budgetxl/workbook"
)

// screenshots is where TestBrowser saves the pictures of the README
// (go test ./web/ -run TestBrowser -screenshots ../docs/img); "" for none.
var screenshots = flag.String("screenshots", "", "folder to save the README's pictures of the pages in")

// chromium finds a Chromium or Chrome to drive, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowser drives a real headless Chromium through the DevTools
// protocol, as a reviewer and a clerk would: it drops the qijiang workbook
// on the review page, sees every error of 部门收入总表 highlighted at its
// cell, clicks one finding and finds its cell scrolled into view, switches
// to English and back, then downloads a blank form.
func TestBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" && os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed: .ci/run must install it (Debian: chromium)")
	}
	if exe == "" {
		t.Skip("chromium is not installed (Debian: apt-get install chromium): the test in a real browser is skipped")
	}
	path := qijiang(t)
	want, err := verify.File(path, verify.Options{Templates: "../templates"})
	if err != nil {
		t.Fatal(err)
	}
	book, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	sheet := -1
	for i, sh := range book.Sheets {
		if sh.Name == "部门收入总表" {
			sheet = i
		}
	}
	var cells []string // the cells of 部门收入总表's errors
	for _, f := range want.Findings {
		if f.Sheet == "部门收入总表" && f.Severity == verify.Error && f.Cell != "" && !slices.Contains(cells, cellID(sheet, f.Cell)) {
			cells = append(cells, cellID(sheet, findingCell(f)))
		}
	}
	if len(cells) == 0 {
		t.Fatal("the sample has no error in 部门收入总表: nothing to see")
	}

	ts := httptest.NewUnstartedServer(nil)
	s, err := New(Options{Addr: ts.Listener.Addr().String(), Packs: testPacks, Samples: os.DirFS("../samples"), SamplesName: "(built-in) "})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = s
	ts.Start()
	defer ts.Close()

	// The deadline only keeps a hung browser from hanging the test.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1400, 1000))
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if *screenshots == "" {
				return nil
			}
			b, err := chromedp.CaptureScreenshot()(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(*screenshots, name), b, 0o644)
		})
	}

	// Review: choose the workbook, check, wait for the summary.
	err = chromedp.Do(bctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("workbooks")),
		chromedp.SetUploadFiles(chromedp.ID("workbooks"), []string{path}),
		chromedp.Click(chromedp.ID("review-submit")),
		chromedp.WaitVisible(chromedp.ID("summary")),
		shot("serve-review.png"),
	)
	if err != nil {
		t.Fatal(err)
	}
	status, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#summary .status")))
	if err != nil || status != "有错误" {
		t.Errorf("the summary's status is %q (%v), want 有错误", status, err)
	}
	marked, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("td.f-error")).filter(td => getComputedStyle(td).backgroundColor === "rgb(255, 199, 206)").map(td => td.id)`))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range cells {
		if !slices.Contains(marked, id) {
			t.Errorf("cell %s of 部门收入总表 is not shown as an error (marked: %v)", id, marked)
		}
	}

	// Click the first finding of 部门收入总表: its cell comes into view.
	err = chromedp.Do(bctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a.goto[data-target="#%s"]`, cells[0]))))
	if err != nil {
		t.Fatal(err)
	}
	inView, err := chromedp.Run(bctx, chromedp.Poll[bool](fmt.Sprintf(`(() => { const r = document.getElementById(%q).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; })()`, cells[0])))
	if err != nil || !inView {
		t.Fatalf("the cell %s did not come into view: %v", cells[0], err)
	}
	if err := chromedp.Do(bctx, shot("serve-finding.png")); err != nil {
		t.Fatal(err)
	}

	// The English switch: the same results, in English, and it stays.
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.ID("lang-switch")), chromedp.WaitVisible(chromedp.ID("summary"))); err != nil {
		t.Fatal(err)
	}
	if h1, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("main h1"))); err != nil || h1 != "Review results" {
		t.Errorf("after the switch the title is %q (%v)", h1, err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(ts.URL+"/form")); err != nil {
		t.Fatal(err)
	}
	if h1, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("main h1"))); err != nil || h1 != "Blank form for clerks" {
		t.Errorf("the next page's title is %q (%v): the language did not stay", h1, err)
	}
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.ID("lang-switch")), chromedp.WaitVisible(chromedp.ID("form-sample"))); err != nil {
		t.Fatal(err)
	}

	// A blank form of the qijiang unit, downloaded.
	dir := t.TempDir()
	yes := true
	if _, err := chromedp.Run(bctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	downloads := chromedp.Events(bctx, browser.DownloadProgress)
	err = chromedp.Do(bctx,
		chromedp.WaitVisible(chromedp.ID("form-sample")),
		chromedp.SetValue(chromedp.ID("form-sample"), "qijiang-shebao-2025"),
		shot("serve-form.png"),
		chromedp.Click(chromedp.ID("form-submit")),
	)
	if err != nil {
		t.Fatal(err)
	}
	guid := ""
	for ev, err := range downloads {
		if err != nil {
			t.Fatalf("the blank form was not downloaded: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			guid = ev.GUID
			break
		}
	}
	form, err := workbook.Read(filepath.Join(dir, guid))
	if err != nil {
		t.Fatal(err)
	}
	sh := form.Sheet("附件4-2")
	if sh == nil {
		t.Fatal("the form has no sheet 附件4-2")
	}
	title, unlocked := "", 0
	for _, c := range sh.Cells {
		if c.Ref == "A1" {
			title = c.Value
		}
		if !c.Locked {
			unlocked++
		}
	}
	if title != want.Unit.Name+"一般公共预算财政拨款支出预算表" || unlocked == 0 {
		t.Errorf("the form's 附件4-2: title %q, %d input cells", title, unlocked)
	}
}
