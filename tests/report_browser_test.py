#!/usr/bin/python3
"""The HTML report in a real headless browser (Debian's chromium + chromium-driver, selenium).

Usage: report_browser_test.py ESCVIZ [SCREENSHOT_DIR]

Builds the report of samples/escdemo.m2.log (with --source-root samples/escdemo) and of a hostile
log (tests/data/report/hostile.m2.log) into a temporary folder, opens them from file:// and
checks: pages load with no console errors, the search box filters, a table sorts by heap count
and filters rows, a chain link leads to the callee's page and back, the source view shows a
verdict (and its pattern) beside its line, the index's pattern bars lead to the patterns page
and on to a chain and back, and log text with <script>, quotes and & shows literally and runs
nothing. With SCREENSHOT_DIR, saves index.png, function.png, source.png, patterns.png and
function-pattern.png there.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ESCVIZ = None
SHOTS = None


def make_report(out, *args):
    cmd = [ESCVIZ, "report", "-q", "-o", out, *args]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if res.returncode != 0:
        raise AssertionError(f"{cmd} failed ({res.returncode}): {res.stderr}")
    return res


def new_driver(profile):
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,900",
                 f"--user-data-dir={profile}"]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=opts)


class ReportInBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="escviz-report-browser-")
        cls.demo = os.path.join(cls.tmp, "demo")
        cls.hostile = os.path.join(cls.tmp, "hostile")
        make_report(cls.demo, "--source-root", "samples/escdemo", "samples/escdemo.m2.log")
        make_report(cls.hostile, "tests/data/report/hostile.m2.log")
        # A log whose first file has a heap allocation (and whose paths hold a space): its
        # source page once showed no verdict at all.
        cls.spaces = os.path.join(cls.tmp, "spaces")
        make_report(cls.spaces, "--source-root", "tests/data", "tests/data/spaces/build.go127.m2.log")
        # Joined with a heap profile (issue 23): our own program, Go 1.27 (tests/profile/).
        cls.profiled = os.path.join(cls.tmp, "profiled")
        make_report(cls.profiled, "--source-root", "tests/profile/direct", "--profile",
                    "tests/profile/direct/go1.27.mem.pprof", "tests/profile/direct/go1.27.m2.log")
        cls.driver = new_driver(os.path.join(cls.tmp, "profile"))
        cls.driver.set_page_load_timeout(30)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def open(self, folder, page):
        self.driver.get("file://" + os.path.join(folder, page))
        self.assertEqual(self.driver.execute_script("return document.readyState"), "complete")

    def console_errors(self):
        return [e for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]

    def assert_no_console_errors(self):
        errors = self.console_errors()
        self.assertEqual(errors, [], f"console errors on {self.driver.current_url}")

    def shot(self, name):
        if SHOTS:
            height = self.driver.execute_script("return document.body.scrollHeight")
            self.driver.set_window_size(1280, min(max(height, 900), 2400))
            self.driver.save_screenshot(os.path.join(SHOTS, name))
            self.driver.set_window_size(1280, 900)

    def function_page(self, name):
        """The function page's file name, from the link in the functions table."""
        self.open(self.demo, "functions.html")
        for a in self.driver.find_elements(By.CSS_SELECTOR, "#functions-table td:first-child a"):
            if a.text == name:
                return a.get_attribute("href")
        self.fail(f"no function {name} in functions.html")

    def test_index_loads_without_errors(self):
        self.open(self.demo, "index.html")
        self.assert_no_console_errors()
        self.assertIn("Escape analysis report", self.driver.find_element(By.TAG_NAME, "h1").text)
        cards = self.driver.find_elements(By.CSS_SELECTOR, ".card.heap .n")
        self.assertTrue(cards and int(cards[0].text) > 0)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, ".bars .b"))
        self.shot("index.png")

    def test_profile_hottest_allocations_lead_to_their_chain(self):
        self.open(self.profiled, "index.html")
        self.assert_no_console_errors()
        rows = self.driver.find_elements(By.CSS_SELECTOR, "table.hottest tbody tr")
        self.assertTrue(rows, "no Hottest allocations table")
        first = rows[0].find_elements(By.TAG_NAME, "td")
        # By construction (tests/profile/direct/alloc.go:38): 11 objects of 896 B, the most bytes.
        self.assertEqual(first[0].text, "9.6 KiB")
        self.assertEqual(first[1].text, "11")
        self.assertIn("new(Big)", first[3].text)
        self.assertIn("returned-address", first[4].text)
        self.assertTrue(first[5].find_elements(By.TAG_NAME, "li"), "no chain beside it")
        self.shot("index-profile.png")
        first[3].find_element(By.TAG_NAME, "a").click()
        self.assertIn("newBig", self.driver.find_element(By.TAG_NAME, "h1").text)
        badges = [b.text for b in self.driver.find_elements(By.CSS_SELECTOR, ".badge.profile")]
        self.assertIn("9.6 KiB in 11 objects", badges)
        self.shot("function-profile.png")

    def test_search_filters(self):
        self.open(self.demo, "index.html")
        box = self.driver.find_element(By.ID, "search")
        box.send_keys("oneLevel")
        items = self.driver.find_elements(By.CSS_SELECTOR, "#search-results li a")
        self.assertTrue(items, "no search result for oneLevel")
        for a in items:
            self.assertIn("onelevel", a.text.lower())
        items[0].click()
        self.assertIn("/f/", self.driver.current_url)
        self.open(self.demo, "index.html")
        box = self.driver.find_element(By.ID, "search")
        box.send_keys("no-such-thing-anywhere")
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#search-results li")
        self.assertEqual([r.text for r in rows], ["no match"])
        self.assert_no_console_errors()

    def heap_column(self, table):
        cells = self.driver.find_elements(
            By.CSS_SELECTOR, f"#{table} tbody tr:not([hidden]) td:nth-child(3)")
        return [int(c.get_attribute("data-v")) for c in cells]

    def test_table_sorts_by_heap_and_filters(self):
        self.open(self.demo, "functions.html")
        header = self.driver.find_element(By.CSS_SELECTOR, "#functions-table th:nth-child(3)")
        self.assertEqual(header.text.strip().split()[0], "heap")
        header.click()
        values = self.heap_column("functions-table")
        self.assertEqual(values, sorted(values, reverse=True))
        self.assertEqual(header.get_attribute("aria-sort"), "descending")
        header.click()
        values = self.heap_column("functions-table")
        self.assertEqual(values, sorted(values))
        self.assertNotEqual(values[0], values[-1])
        self.assertEqual(header.get_attribute("aria-sort"), "ascending")
        box = self.driver.find_element(By.CSS_SELECTOR, "input.filter[data-table=functions-table]")
        box.send_keys("store")
        shown = self.driver.find_elements(By.CSS_SELECTOR, "#functions-table tbody tr:not([hidden])")
        self.assertTrue(shown)
        for row in shown:
            self.assertIn("store", row.text.lower())
        self.assert_no_console_errors()

    def test_chain_link_leads_to_callee_and_back(self):
        self.driver.get(self.function_page("oneLevel"))
        self.assert_no_console_errors()
        block = self.driver.find_element(By.CSS_SELECTOR, ".verdict pre.chain")
        self.assertIn("continues in store", block.text)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "figure.graph img"))
        self.shot("function.png")
        link = self.driver.find_element(By.CSS_SELECTOR, "a.callee")
        self.assertEqual(link.text, "store")
        link.click()
        # The callee's page, at the leaking parameter the chain continues with.
        anchor = re.search(r"#(v\d+)$", self.driver.current_url)
        self.assertTrue(anchor, self.driver.current_url)
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text, "store")
        target = self.driver.find_element(By.ID, anchor.group(1))
        self.assertIn("leaking param: p", target.text)
        self.assert_no_console_errors()
        target.find_element(By.CSS_SELECTOR, "a.to-callers").click()
        self.assertTrue(self.driver.current_url.endswith("#callers"), self.driver.current_url)
        callers = [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "a.caller")]
        self.assertTrue(any("moved to heap: local" in c for c in callers), callers)
        back = [a for a in self.driver.find_elements(By.CSS_SELECTOR, "a.caller")
                if "moved to heap: local" in a.text][0]
        back.click()
        self.assertRegex(self.driver.current_url, r"/f/\d+\.html#v\d+$")
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text, "oneLevel")

    def test_patterns_on_index_lead_to_the_pattern_and_back_to_the_chain(self):
        # samples/escdemo/main.go: newPoint returns &p (moved to heap: p), so returned-address.
        self.open(self.demo, "index.html")
        bars = self.driver.find_elements(By.CSS_SELECTOR, ".bars.patterns td.name a")
        names = [a.text for a in bars]
        self.assertIn("returned-address", names)
        self.assertIn("interface-conversion", names)
        # Wide enough to read: a bar's label is not cut, and the table spans the page.
        table = self.driver.find_element(By.CSS_SELECTOR, ".bars.patterns")
        self.assertGreater(table.size["width"], 900)
        bar = [a for a in bars if a.text == "returned-address"][0]
        self.driver.execute_script("arguments[0].scrollIntoView({block:'center'})", bar)
        bar.click()
        self.assert_no_console_errors()
        self.assertRegex(self.driver.current_url, r"/t/returned-address\.html$")
        self.assert_no_console_errors()
        self.assertIn("What to do:", self.driver.find_element(By.CSS_SELECTOR, "p.remedy").text)
        sites = self.driver.find_elements(By.CSS_SELECTOR, "ul.sites li a code")
        self.assertTrue(any("moved to heap: p" in c.text for c in sites))
        self.shot("patterns.png")
        link = [c for c in sites if "moved to heap: p" in c.text][0]
        link.find_element(By.XPATH, "..").click()
        self.assertRegex(self.driver.current_url, r"/f/\d+\.html#v\d+$")
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text, "newPoint")
        # The function page names the pattern of each heap verdict, linked back.
        badge = self.driver.find_element(By.CSS_SELECTOR, ".verdict a.badge.pattern")
        self.assertEqual(badge.text, "returned-address")
        self.assertIn("Return the value instead of a pointer", badge.get_attribute("title"))
        self.shot("function-pattern.png")
        badge.click()
        self.assertRegex(self.driver.current_url, r"/t/returned-address\.html$")
        # patterns.html lists them all, each with what to do, linked to its page.
        self.open(self.demo, "patterns.html")
        self.assert_no_console_errors()
        row = self.driver.find_element(By.ID, "returned-address")
        self.assertIn("Return the value", row.find_element(By.CSS_SELECTOR, "td.remedy").text)
        self.shot("patterns-index.png")

    def test_source_view_shows_verdict_beside_line(self):
        with open(os.path.join(ROOT, "samples/escdemo/main.go")) as f:
            source = f.read().split("\n")
        with open(os.path.join(ROOT, "samples/escdemo.m2.log")) as f:
            log = f.read()
        line = int(re.search(r"^\./main\.go:(\d+):\d+: moved to heap: local$", log, re.M).group(1))
        self.open(self.demo, "files.html")
        self.driver.find_element(By.CSS_SELECTOR, "#files-table a").click()
        self.assert_no_console_errors()
        row = self.driver.find_element(By.ID, f"L{line}")
        self.assertIn("heap", row.get_attribute("class"))
        code = row.find_element(By.CSS_SELECTOR, "td.code").get_attribute("textContent")
        self.assertEqual(code, source[line - 1])
        beside = row.find_element(By.CSS_SELECTOR, "td.v").text
        self.assertIn("moved to heap: local", beside)
        # ... with its pattern (escdemo's oneLevel hands &local to store, which keeps it in sink).
        self.assertIn("global-store", beside)
        self.driver.execute_script("arguments[0].scrollIntoView({block:'center'})", row)
        self.shot("source.png")
        row.find_element(By.CSS_SELECTOR, "td.v a.heap").click()
        self.assertRegex(self.driver.current_url, r"/f/\d+\.html#v\d+$")

    def test_source_view_of_the_first_file_shows_its_verdicts(self):
        self.open(self.spaces, "files.html")
        links = self.driver.find_elements(By.CSS_SELECTOR, "#files-table a")
        first = [a for a in links if a.text.endswith("keep.go")][0]
        first.click()
        self.assert_no_console_errors()
        row = self.driver.find_element(By.ID, "L5")  # keep.go:5:11: moved to heap: v
        self.assertIn("heap", row.get_attribute("class"))
        self.assertIn("moved to heap: v", row.find_element(By.CSS_SELECTOR, "td.v").text)
        self.shot("source-first-file.png")

    def test_hostile_log_text_is_plain_text(self):
        for folder, _, files in os.walk(self.hostile):
            for name in files:
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    text = f.read()
                self.assertNotIn("<script>alert", text, name)
                self.assertNotIn("<img src=x", text, name)
        self.open(self.hostile, "index.html")
        self.assert_no_console_errors()
        self.assertIn("example.com/evil<script>alert(1)</script>",
                      self.driver.find_element(By.TAG_NAME, "body").text)
        search = self.driver.find_element(By.ID, "search")
        search.send_keys("alert(1)")
        results = [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
        self.assertIn('./evil.go:5:2: "<script>alert(1)</script>" escapes to heap', results)
        for page in ["f/0.html", "p/1.html", "causes.html", "t/no-allocation.html",
                     "t/other.html"]:
            self.open(self.hostile, page)
            with self.assertRaises(NoAlertPresentException):
                self.driver.switch_to.alert.text
            self.assert_no_console_errors()
            body = self.driver.find_element(By.TAG_NAME, "body").text
            self.assertTrue("<script>alert(" in body, page)
            self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "main script"), [], page)
        self.open(self.hostile, "f/0.html")
        body = self.driver.find_element(By.TAG_NAME, "body").text
        self.assertIn('moved to heap: x</pre><script>alert(3)</script>', body)
        self.assertIn('sink("it\'s \\"&amp;\\" <b>bold</b>")', body)
        self.assertIn("<img src=x onerror=alert(2)>", body)


if __name__ == "__main__":
    ESCVIZ = os.path.abspath(sys.argv[1])
    if len(sys.argv) > 2:
        SHOTS = os.path.abspath(sys.argv[2])
        os.makedirs(SHOTS, exist_ok=True)
    unittest.main(argv=[sys.argv[0], "-v"])
