#!/usr/bin/python3
"""The operators' console walked in headless Chromium through WebDriver (issue 18).

Run by console_browser_test.cpp with a world file (server URL, the TLS key's SPKI pin, operators,
business numbers A..D, a GBK bank statement). Exits non-zero with the failed step's message.
Screenshots of every screen, zh-CN and English, go to world["screenshots"] when it is set.
"""
from console_browser import *  # noqa: F401,F403 - the browser, the world and the helpers

A, B, C, D = world["a"], world["b"], world["c"], world["d"]


def walk():
    step("the login page, in Chinese first")
    driver.get(URL)
    find("#login-name")
    check("登录" in driver.page_source, "the login page is not in Chinese")
    shot("01-login")

    step("a wrong password is refused")
    find("#login-name").send_keys("rita")
    find("#login-password").send_keys("not the password")
    find("#login-submit").click()
    wait_text("#login-error", "错误")

    step("the reviewer logs in; the queue counts and lists oldest first")
    login("reviewer")
    find("#counts")
    wait_text("#counts [data-state=entered] b", "3")
    rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr[data-business-no]")
    numbers = [r.get_attribute("data-business-no") for r in rows]
    check(numbers == sorted(numbers), f"not oldest first: {numbers}")
    check(set(numbers) == {A, B, C, D}, f"queue holds {numbers}")
    shot("02-queue")

    step("filters: by payment state, by state, by business number")
    Select(find("#f-payment")).select_by_value("confirming")
    find("#f-apply").click()
    wait.until(lambda d: "payment_state=confirming" in d.current_url)
    find("#counts")
    rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr[data-business-no]")
    payments = [r.find_elements(By.TAG_NAME, "td")[4].text for r in rows]
    check(len(rows) >= 3 and set(payments) == {"待确认"}, f"payment filter shows {payments}")
    Select(find("#f-payment")).select_by_value("")
    Select(find("#f-state")).select_by_value("cancelled")
    find("#f-apply").click()
    wait.until(lambda d: [r.get_attribute("data-business-no") for r in
                          d.find_elements(By.CSS_SELECTOR, "tbody tr[data-business-no]")] == [D])
    go("#/queue?q=" + A, f"tbody tr[data-business-no='{A}']")
    check(len(driver.find_elements(By.CSS_SELECTOR, "tbody tr[data-business-no]")) == 1,
          "the search by business number finds more than one")

    step("pages: newest first, two a page, the next page and back to the first")
    go("#/queue?order=newest&limit=2", "#q-next")
    rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr[data-business-no]")
    first_page = [r.get_attribute("data-business-no") for r in rows]
    check(first_page == sorted([A, B, C, D], reverse=True)[:2], f"newest page shows {first_page}")
    check("4" in text_of("#paging"), f"paging says {text_of('#paging')}")
    find("#q-next").click()
    wait.until(lambda d: "after=" in d.current_url)
    find("#q-first")
    rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr[data-business-no]")
    rest = [r.get_attribute("data-business-no") for r in rows]
    check(rest == sorted([A, B, C, D], reverse=True)[2:], f"the next page shows {rest}")
    check(not driver.find_elements(By.CSS_SELECTOR, "#q-next"), "a next page after the last")

    step("a reviewer may not confirm payments nor manage operators; no CSRF token, no change")
    status, body = api("POST", f"applications/{A}/confirm-payment")
    check(status == 403 and body["error"]["code"] == "forbidden_role", f"{status} {body}")
    status, body = api("GET", "operators")
    check(status == 403 and body["error"]["code"] == "forbidden_role", f"{status} {body}")
    status, body = api("POST", "operators", {"name": "mallory", "role": "admin"})
    check(status == 403 and body["error"]["code"] == "forbidden_role", f"{status} {body}")
    check("nav-operators" not in driver.page_source, "a reviewer is offered the operators page")
    status, body = api("POST", "reason-templates", {"title": "x", "text": "y"}, csrf=False)
    check(status == 403 and body["error"]["code"] == "csrf_refused", f"{status} {body}")
    check(app_state(A) == ("entered", "confirming"), "the refused confirmation changed A")

    step("applicant text with <script> and <img onerror> renders as text")
    go(f"#/app/{C}", "#rc-address")
    address = find("#rc-address")
    check("<script>" in address.text and "<img" in address.text, f"address shows {address.text!r}")
    check(not address.find_elements(By.CSS_SELECTOR, "script, img"), "the address became markup")
    check(driver.execute_script("return window.__xss") is None, "applicant script ran")

    step("the ID number is masked; revealing it is audited")
    check("*" in text_of("#id-number"), "the ID number is shown whole")
    find("#reveal-id").click()
    wait_text("#id-number", "11010519491231002X")
    shot("03-application")
    logout()

    step("finance confirms A's transfer on its page; finance may not approve")
    login("finance")
    go(f"#/app/{A}", "#act-confirm")
    check(not driver.find_elements(By.CSS_SELECTOR, "#act-approve"), "finance sees approve")
    click_and_accept("#act-confirm")
    wait_text("#app-state", "审核中")
    step("the application's messages and their delivery state, never their text")
    messages = driver.find_elements(By.CSS_SELECTOR, "#notifications tbody tr[data-message-id]")
    check(len(messages) >= 2, f"{len(messages)} messages listed")
    check("申请已提交" in text_of("#notifications") and "付款已确认" in text_of("#notifications"),
          f"notifications show {text_of('#notifications')!r}")
    check(all(m.find_element(By.CSS_SELECTOR, ".nt-state").text for m in messages), "no delivery state")
    check(app_state(A) == ("under_review", "paid"), "A is not paid")
    status, body = api("POST", f"applications/{A}/approve")
    check(status == 403 and body["error"]["code"] == "forbidden_role", f"{status} {body}")
    status, body = api("POST", f"applications/{C}/confirm-payment")
    check(status == 200, f"confirming C: {status} {body}")

    step("finance reconciles the GBK bank statement: B is proposed and confirmed in one action")
    go("#/reconcile", "#statement-file")
    find("#statement-file").send_keys(world["statement"])
    find("#statement-upload").click()
    wait_text("#notice", "2")
    unmatched = find("#rec-unmatched")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#rec-unmatched tr[data-line-id]")) == 2)
    check(B in unmatched.text, "B is not proposed")
    check("不认识的公司" in unmatched.text, "the unknown payer's line is not listed")
    shot("04-reconcile")
    find("#rec-confirm").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#rec-unmatched tr[data-line-id]")) == 1)
    check(B in text_of("#rec-matched"), "B is not listed as matched")
    check(app_state(B) == ("under_review", "paid"), "B is not paid")

    step("refunds: D paid and cancelled; finance refunds it by bank transfer")
    go("#/refunds", f"tr[data-business-no='{D}']")
    row = f"tr[data-business-no='{D}']"
    check(find(f"{row} .refund-amount").get_attribute("value") == "200.00", "not the amount due")
    shot("05-refunds")
    find(f"{row} .refund-amount").clear()
    find(f"{row} .refund-amount").send_keys("200.01")
    find(f"{row} .refund-reference").send_keys("R-1")
    click_and_accept(f"{row} .record-refund")
    wait_text("#notice", "退款金额超过")  # more than received: refused
    find(f"{row} .refund-amount").clear()
    find(f"{row} .refund-amount").send_keys("200.00")
    click_and_accept(f"{row} .record-refund")
    wait_text(f"{row} .payouts", "R-1")
    wait_text(f"{row} .due", "¥0.00")
    go(f"#/app/{D}", "#app-refunds")
    wait_text("#app-refunded", "¥200.00")
    wait_text("#timeline", "refunded")
    logout()

    step("the reviewer keeps a reason template, rejects C with it and approves A")
    login("reviewer")
    go("#/templates", "#tpl-title")
    find("#tpl-title").send_keys("材料不全")
    find("#tpl-text").send_keys("请补充营业执照副本后重新申请。")
    find("#tpl-add").click()
    wait_text("main table", "材料不全")
    shot("06-templates")
    go(f"#/app/{C}", "#reject-template")
    Select(find("#reject-template")).select_by_visible_text("材料不全")
    check(find("#reject-reason").get_attribute("value") == "请补充营业执照副本后重新申请。",
          "the template did not fill the reason")
    click_and_accept("#act-reject")
    wait_text("#app-state", "已驳回")
    wait_text("#app-reject-reason", "营业执照")
    go(f"#/app/{A}", "#act-approve")
    click_and_accept("#act-approve")
    wait_text("#app-state", "审核通过")
    wait_text("#timeline", "approve")

    step("the daily report and its CSV")
    go("#/report", "#report-csv")
    shot("07-report")
    csv = driver.execute_async_script(
        "const done = arguments[0]; fetch(document.querySelector('#report-csv').href)"
        ".then(r => r.text()).then(done);")
    check("paid_bank_transfer,3,600.00" in csv, f"report CSV: {csv!r}")
    check("refunded_bank_transfer,1,200.00" in csv, f"report CSV: {csv!r}")
    check("date (Asia/Shanghai, UTC+08:00)" in csv, f"report CSV header: {csv!r}")
    check("Asia/Shanghai" in text_of("#report-zone"), "the report does not say whose days")

    step("the audit log shows who did what; the chain verifies")
    go("#/audit", "#audit-verify")
    table = text_of("main table")
    for action in ("confirm_payment", "approve", "reject", "statement_line_matched",
                   "reveal_id_number", "refund", "login_failed"):
        check(action in table, f"no {action} in the audit log")
    find("#audit-verify").click()
    wait_text("#notice", "完整")
    shot("08-audit")

    step("the issuer's kind and health on the status line, in both languages")
    wait_text("#issuer-status", "内置 CA（密钥文件）")
    wait_text("#issuer-health", "正常")

    step("the same screens in English")
    set_language("en")
    go(f"#/app/{A}", "#app-state")
    wait_text("#app-state", "Approved")
    wait_text("#issuer-status", "built-in CA (key file)")
    wait_text("#issuer-health", "healthy")
    shot("03-application")
    for route, css, name in (("#/queue", "#counts", "02-queue"), ("#/reconcile", "#rec-matched", "04-reconcile"),
                             ("#/refunds", "main table", "05-refunds"), ("#/templates", "#tpl-title", "06-templates"),
                             ("#/report", "#report-csv", "07-report"), ("#/audit", "#audit-verify", "08-audit")):
        go(route, css)
        check("Something went wrong" not in text_of("#notice") if find("#notice").is_displayed() else True,
              f"{route} shows an error")
        shot(name)
    logout()

    step("the admin manages operators: add with a generated password, token, disable")
    login("admin")
    set_language("zh-CN")
    go("#/operators", "tr[data-operator='rita']")
    check(len(driver.find_elements(By.CSS_SELECTOR, "tr[data-operator]")) == 3, "not 3 operators")
    status, body = api("POST", "operators", {"name": "olga", "role": "finance"}, csrf=False)
    check(status == 403 and body["error"]["code"] == "csrf_refused", f"{status} {body}")
    find("#op-new-name").send_keys("olga")
    Select(find("#op-new-role")).select_by_value("finance")
    find("#op-add").click()
    wait.until(lambda d: len(d.find_element(By.ID, "secret-password").text) == 20)
    olga_password = text_of("#secret-password")
    check(len(driver.find_elements(By.CSS_SELECTOR, "tr[data-operator]")) == 4, "olga not listed")
    click_and_accept("tr[data-operator='olga'] .op-issue-token")
    wait.until(lambda d: len(d.find_element(By.ID, "secret-token").text) == 64)
    wait_text("tr[data-operator='olga'] .op-tokens", "1")
    shot("09-operators")
    click_and_accept("tr[data-operator='adam'] .op-disable")
    wait_text("#notice", "最后一个")  # the last enabled admin stays
    click_and_accept("tr[data-operator='olga'] .op-disable")
    wait_text("tr[data-operator='olga'] .op-state", "已停用")
    check(not driver.find_elements(By.ID, "secret-password"), "a secret is shown again")
    status, body = api("POST", f"applications/{B}/approve")
    check(status == 403 and body["error"]["code"] == "forbidden_role", f"{status} {body}")
    step("a disabled operator cannot log in; enabled again, the generated password works")
    logout()
    find("#login-name").send_keys("olga")
    find("#login-password").send_keys(olga_password)
    find("#login-submit").click()
    wait_text("#login-error", "错误")
    login("admin")
    go("#/operators", "tr[data-operator='olga']")
    click_and_accept("tr[data-operator='olga'] .op-enable")
    wait_text("tr[data-operator='olga'] .op-state", "正常")
    set_language("en")
    go("#/operators", "tr[data-operator='rita']")
    shot("09-operators")
    logout()
    world["olga"] = {"name": "olga", "password": olga_password}
    login("olga")
    logout()
    shot("01-login")


run_walk("console walk", walk, "failure.png")
