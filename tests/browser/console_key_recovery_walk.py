#!/usr/bin/python3
"""Key recovery (issue 21) on the console's application page, walked in headless Chromium.

Run by console_key_recovery_test.cpp with a world file: the server, a reviewer and an admin, the
application of a holder who lost the token ("app", paid, under review), the serial of the
encryption key the KMC escrowed for that holder earlier, and where screenshots go.
"""
from console_browser import *  # noqa: F401,F403 - the browser, the world and the helpers

APP, SERIAL = world["app"], world["serial"]
ROW = f"#app-escrowed-keys tr[data-serial='{SERIAL}']"


def delivered():
    status, body = api("GET", f"applications/{APP}/escrowed-keys")
    check(status == 200, f"escrowed keys: {status} {body}")
    return [k["delivered_here"] for k in body["escrowed_keys"] if k["serial"] == SERIAL] == [True]



def walk():
    step("a reviewer sees the escrowed key, no recover button, and is refused by the API")
    login("reviewer")
    go(f"#/app/{APP}", ROW)
    wait_text(ROW, "仅管理员")
    check(not driver.find_elements(By.CSS_SELECTOR, f"{ROW} .recover-key"),
          "a reviewer is offered the recovery")
    status, body = api("POST", f"applications/{APP}/recover-encryption-key", {"serial": SERIAL})
    check(status == 403 and body["error"]["code"] == "forbidden_role", f"reviewer: {status} {body}")
    check(not delivered(), "the reviewer's attempt changed something")
    logout()

    step("an admin's forged change (no CSRF token) is refused")
    login("admin")
    go(f"#/app/{APP}", f"{ROW} .recover-key")
    status, body = api("POST", f"applications/{APP}/recover-encryption-key", {"serial": SERIAL},
                       csrf=False)
    check(status == 403, f"without the CSRF token: {status} {body}")
    check(not delivered(), "the forged change changed something")
    shot("10-key-recovery")

    step("the admin recovers the key to the application, after confirming")
    click_and_accept(f"{ROW} .recover-key")
    wait_text(ROW, "已下发到本申请")
    check(delivered(), "the service does not list the key as delivered")
    wait_text("#timeline", "recover_encryption_key")
    wait_text("#timeline", SERIAL)
    shot("11-key-recovered")

    step("the same page in English")
    set_language("en")
    go(f"#/app/{APP}", ROW)
    wait_text(ROW, "Delivered to this application")
    shot("11-key-recovered")
    set_language("zh-CN")
    logout()


run_walk("key recovery walk", walk, "key-recovery-failure.png")
