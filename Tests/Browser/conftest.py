"""Browser tests of Yizhan's pages (issue 24): a real headless Chromium through Selenium, against a
yizhan-server on a fresh demo workspace that `.ci/run` starts (YIZHAN_URL), at a phone's and a
desktop's window size. Every page is saved as a screenshot under YIZHAN_SHOTS, and a page that logs
a console error or fails to load one of its resources fails its test."""

import os
import pathlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

SIZES = {"phone": (360, 740), "desktop": (1280, 800)}

# Every visible text against its background: WCAG AA asks 4.5:1 for body text (charts aside,
# whose figures are in the table after each).
CONTRAST = """
function luminance(color) {
  const [r, g, b] = color.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function background(element) {
  for (; element; element = element.parentElement) {
    const color = getComputedStyle(element).backgroundColor;
    const parts = color.match(/[\\d.]+/g);
    if (parts && (parts.length < 4 || Number(parts[3]) > 0)) return color;
  }
  return "rgb(255, 255, 255)";
}
const poor = [];
for (const element of document.querySelectorAll("body *")) {
  if (element.closest("svg")) continue;
  if (![...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim())) continue;
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  if (!box.width || !box.height || style.visibility === "hidden") continue;
  const [fore, back] = [luminance(style.color), luminance(background(element))];
  const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
  if (ratio < 4.5) poor.push(element.tagName + " “" + element.textContent.trim().slice(0, 24) + "” " + ratio.toFixed(2));
}
return poor;
"""


def setting(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run the tests with scripts/browser-tests.sh")
    return value


class Browser:
    """One Chromium window at one size: pages are opened, checked for console errors and failed
    resources, and saved as screenshots named after the journey and the step."""

    def __init__(self, size_name, downloads):
        width, height = SIZES[size_name]
        options = Options()
        options.add_argument("--headless=new")
        options.add_argument("--no-sandbox")
        options.add_argument("--disable-dev-shm-usage")
        options.add_argument(f"--window-size={width},{height}")
        options.add_argument("--lang=zh-CN")
        options.binary_location = os.environ.get("YIZHAN_CHROMIUM", "/usr/bin/chromium")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        options.add_experimental_option(
            "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
        )
        service = Service(os.environ.get("YIZHAN_CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        self.size_name = size_name
        self.width, self.height = width, height
        self.base = setting("YIZHAN_URL").rstrip("/")
        self.shots = pathlib.Path(setting("YIZHAN_SHOTS"))
        self.shots.mkdir(parents=True, exist_ok=True)
        self.downloads = downloads

    def open(self, path):
        self.driver.get(self.base + path if path.startswith("/") else path)
        return self

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self):
        return self.find("main").text

    def sign_in(self, login, password):
        self.open("/login")
        self.find("#login").send_keys(login)
        self.find("#password").send_keys(password)
        self.submit("form.stack button[type=submit]")
        assert not self.driver.current_url.endswith("/login"), f"{login} could not sign in"

    def submit(self, css):
        """Clicks the button `css` and waits for the page it leads to."""
        self.driver.execute_script("window.yizhanBefore = true")
        self.find(css).click()
        # The old page's window is gone once the new one has loaded; asked mid-navigation, Chromium
        # may answer with an error instead, which only means "not yet".
        WebDriverWait(self.driver, 10, ignored_exceptions=(WebDriverException,)).until(
            lambda driver: driver.execute_script("return !window.yizhanBefore && document.readyState === 'complete'"))

    def sign_out(self):
        self.find("header form button[type=submit]").click()

    def check(self, name, allow=()):
        """Fails on a console error or a resource that did not load (an `allow`ed status of the
        page itself excepted), then saves the whole page as `<name>-<size>.png`."""
        problems = []
        for entry in self.driver.get_log("browser"):
            if entry["level"] != "SEVERE":
                continue
            message = entry["message"]
            if any(f"status of {status}" in message and message.startswith(self.driver.current_url)
                   for status in allow):
                continue
            problems.append(message)
        assert not problems, f"{name}: the page logged errors: {problems}"
        # The page must not be wider than the window (no sideways scrolling on a phone).
        overflow = self.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name}: the page is {overflow}px wider than a {self.width}px window"
        poor = self.driver.execute_script(CONTRAST)
        assert not poor, f"{name}: text below WCAG AA contrast: {poor}"
        assert self.driver.title, f"{name}: the page has no title"
        self.driver.execute_script("window.scrollTo(0, 0)")
        full = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(self.width, min(max(full + 120, self.height), 6000))
        self.driver.save_screenshot(str(self.shots / f"{name}-{self.size_name}.png"))
        self.driver.set_window_size(self.width, self.height)

    def quit(self):
        self.driver.quit()


@pytest.fixture(params=list(SIZES), scope="module")
def size(request):
    return request.param


@pytest.fixture
def browser(size, tmp_path):
    opened = Browser(size, tmp_path)
    yield opened
    opened.quit()


@pytest.fixture
def fresh_browser(size, tmp_path_factory):
    """A second window with no cookies: a volunteer's phone."""
    opened = Browser(size, tmp_path_factory.mktemp("volunteer"))
    yield opened
    opened.quit()
