"""Headless Chromium on the operators' console through WebDriver, shared by the console walks.

Importing it reads the world file named by sys.argv[1] (the server's URL, its TLS key's SPKI pin,
operators, where screenshots go), starts Chromium and gives the helpers the walks use.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

world = json.load(open(sys.argv[1], encoding="utf-8"))
URL = world["url"]
SHOTS = world.get("screenshots") or ""
step_name = "start"


def step(name):
    global step_name
    step_name = name
    print(f"== {name}", flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
            "--lang=zh-CN", f"--ignore-certificate-errors-spki-list={world['spki']}"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_script_timeout(20)
wait = WebDriverWait(driver, 20)


def find(css):
    return wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def text_of(css):
    return find(css).text


def wait_text(css, expected):
    try:
        wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), expected))
    except TimeoutException:
        raise AssertionError(f"{css} never showed {expected!r}; it shows {text_of(css)!r}")


def shot(name):
    if not SHOTS:
        return
    os.makedirs(SHOTS, exist_ok=True)
    lang = driver.execute_script("return document.documentElement.lang")
    # The whole page, not only the window: grow the window to the page's height for the shot.
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, max(800, min(int(height) + 100, 2400)))
    driver.save_screenshot(os.path.join(SHOTS, f"{name}-{lang}.png"))
    driver.set_window_size(1280, 1000)


def go(hash_route, ready_css):
    driver.get(URL + hash_route)
    find(ready_css)


def login(who):
    driver.get(URL)
    find("#login-name").send_keys(world[who]["name"])
    find("#login-password").send_keys(world[who]["password"])
    find("#login-submit").click()
    wait_text("#who", world[who]["name"])


def logout():
    find("#logout").click()
    find("#login-name")


def set_language(lang):
    current = driver.execute_script("return document.documentElement.lang")
    if current != lang:
        find("#lang").click()
        wait.until(lambda d: d.execute_script("return document.documentElement.lang") == lang)


def api(method, path, body=None, csrf=True):
    """A fetch from the page itself, with the session cookie; returns [status, body]."""
    return driver.execute_async_script(
        """
        const [method, path, body, csrf, done] = arguments;
        (async () => {
          const s = await (await fetch('/console/api/session')).json();
          const headers = {'Content-Type': 'application/json'};
          if (csrf) headers['X-CSRF-Token'] = s.csrf_token;
          const init = {method, headers, credentials: 'same-origin'};
          if (method !== 'GET') init.body = JSON.stringify(body || {});
          const r = await fetch('/console/api/' + path, init);
          let j = null; try { j = await r.json(); } catch (e) {}
          done([r.status, j]);
        })();
        """, method, path, body, csrf)


def click_and_accept(css):
    find(css).click()
    wait.until(EC.alert_is_present())
    driver.switch_to.alert.accept()


def app_state(business_no):
    status, body = api("GET", f"applications/{business_no}")
    check(status == 200, f"reading {business_no}: {status} {body}")
    return body["state"]["code"], body["payment_state"]["code"]


def run_walk(name, walk, failure_shot):
    """Runs a walk; a failure prints its step, the notice shown and the page's URL, saves
    `failure_shot` among the screenshots and exits 1. The browser quits either way."""
    try:
        walk()
        print(f"{name}: all steps passed")
    except Exception as e:  # noqa: BLE001 - report any failure with the step it happened in
        print(f"FAILED at step '{step_name}': {type(e).__name__}: {e}")
        try:
            notice = driver.find_element(By.ID, "notice").text
            print(f"notice: {notice!r}; url: {driver.current_url}")
            if SHOTS:
                driver.save_screenshot(os.path.join(SHOTS, failure_shot))
        except Exception:  # noqa: BLE001
            pass
        sys.exit(1)
    finally:
        driver.quit()
