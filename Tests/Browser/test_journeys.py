"""The journeys of issue 24, each at a phone's and a desktop's size: a social worker records a home
visit with a brand field and sees it counted; registers a client and sees them masked; a volunteer
checks in from the activity's QR code; the county admin sees the record on the dashboard and
downloads the county summary, whose XLSX holds yizhan-report's figures; 百步 cannot open 澉浦."""

import io
import json
import os
import re
import subprocess
import time
import urllib.request

import openpyxl
import zxingcpp
from PIL import Image
from selenium.webdriver.support.ui import Select

from conftest import setting

WORKER = ("baibu.worker", "YIZHAN_WORKER_PASSWORD")
ADMIN = ("county.admin", "YIZHAN_ADMIN_PASSWORD")


def figure(browser, name):
    return int(browser.find(f'[data-figure="{name}"]').text.replace(",", ""))


def report_json():
    """`yizhan-report county --format json` on the served workspace, as the command line gives it."""
    out = subprocess.run(
        [os.path.join(setting("YIZHAN_BIN"), "yizhan-report"), "county", "--period", "2021", "--format", "json",
         "--workspace", setting("YIZHAN_WORKSPACE")],
        check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def headline(document):
    rows = next(block for section in document["sections"] for block in section["blocks"]
                if block.get("id") == "headline")["rows"]
    return {row["figure"]: row["value"] for row in rows}


def test_a_worker_records_a_home_visit_with_a_brand_field_and_sees_it_counted(browser, size):
    browser.sign_in(WORKER[0], setting(WORKER[1]))
    assert browser.driver.current_url.endswith("/stations/baibu")
    browser.check("station-home")
    records, person_times = figure(browser, "month-records"), figure(browser, "month-person-times")

    browser.submit('a.button[href="/stations/baibu/records/new"]')
    assert browser.find("#date").get_attribute("value") == "2021-12-31"
    Select(browser.find("#kind")).select_by_value("homeVisit")
    browser.find("#duration").clear()
    browser.find("#duration").send_keys("45")
    Select(browser.find("#village")).select_by_index(1)
    browser.find('input[name=workers][value="baibu-w1"]').click()
    browser.find("#headCount").send_keys("2")
    Select(browser.find("#subProject")).select_by_value("baibu-brand1")
    Select(browser.find('[name="field.baibu-159.bridge"]')).select_by_visible_text("第一色桥")
    browser.check("record-form")
    browser.submit("form.stack button[type=submit]:not([name])")

    assert "已保存" in browser.text()
    assert "第一色桥" in browser.text() and "5色桥治理" in browser.text()
    record = re.search(r"/records/([0-9a-f-]{36})", browser.driver.current_url).group(1)
    browser.check("record-saved")

    browser.open("/stations/baibu/records?month=2021-12")
    assert browser.all(f'a[href="/records/{record}"]'), "the new record is listed"
    browser.check("records")

    browser.open("/stations/baibu")
    assert figure(browser, "month-records") == records + 1
    assert figure(browser, "month-person-times") == person_times + 2


def test_a_refused_form_says_what_to_fix_beside_the_field(browser, size):
    browser.sign_in(WORKER[0], setting(WORKER[1]))
    browser.open("/stations/baibu/records/new")
    browser.find("#duration").clear()
    browser.find("#duration").send_keys("2000")
    browser.submit("form.stack button[type=submit]:not([name])")
    assert "未保存任何内容" in browser.text()
    assert "0 至 1440 之间的分钟数" in browser.find("#duration-error").text
    assert browser.find("#duration").get_attribute("value") == "2000"
    assert "请勾选服务对象,或填写参与人数" in browser.find("#headCount-error").text
    browser.check("record-form-refused", allow=(422,))


def test_a_worker_registers_a_client_and_sees_them_masked(browser, size):
    browser.sign_in(WORKER[0], setting(WORKER[1]))
    browser.open("/stations/baibu/clients/new")
    name = "张小明" if size == "phone" else "张小红"
    number = "33042420150315001X" if size == "phone" else "330424201504160025"
    browser.find("#name").send_keys(name)
    # Checked as it is typed: a wrong check digit is named before anything is sent.
    browser.find("#idNumber").send_keys(number[:-1] + ("1" if number[-1] != "1" else "2"))
    assert "校验位不对" in browser.find("#idNumber-live").text
    browser.find("#idNumber").clear()
    browser.find("#idNumber").send_keys(number)
    assert browser.find("#idNumber-live").text == ""
    Select(browser.find("#village")).select_by_index(1)
    browser.find('input[name=categories][value="leftBehindChild"]').click()
    Select(browser.find("#consentBy")).select_by_value("guardian")
    browser.check("client-form")
    browser.submit("form.stack button[type=submit]")

    assert "已登记" in browser.text()
    assert browser.find('[data-field="name"]').text == name[0] + "**"
    assert browser.find('[data-field="idNumber"]').text == number[:6] + "********" + number[-4:]
    assert name not in browser.driver.page_source and number not in browser.driver.page_source
    browser.check("client")

    browser.open("/stations/baibu/clients?q=" + urllib.request.quote(name[0]))
    assert name[0] + "**" in browser.text() and name not in browser.driver.page_source
    browser.check("clients")


def test_a_volunteer_checks_in_from_the_activitys_qr_code(browser, fresh_browser, size):
    # A volunteer registered through the API: their check-in code is shown once, at registration.
    request = urllib.request.Request(
        setting("YIZHAN_URL") + "/api/v1/volunteers",
        data=json.dumps({"station": "baibu", "name": f"孙志愿{size}"}).encode(),
        headers={"Authorization": "Bearer " + setting("YIZHAN_WORKER_TOKEN"), "Content-Type": "application/json"},
        method="POST")
    with urllib.request.urlopen(request) as answer:
        code = json.load(answer)["checkInCode"]

    browser.sign_in(WORKER[0], setting(WORKER[1]))
    browser.open("/stations/baibu/volunteers")
    browser.check("volunteers")
    browser.open(browser.all('a[href^="/activities/"]')[0].get_attribute("href"))
    qr = browser.find(".qr svg")
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", qr)
    image = Image.open(io.BytesIO(qr.screenshot_as_png))
    image.save(browser.shots / f"qr-{size}.png")
    decoded = zxingcpp.read_barcodes(image)
    assert decoded, "the QR code on the sheet decodes"
    link = decoded[0].text
    assert link == browser.find("[data-check-in-link]").text
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/check-in/[0-9a-f-]{36}", link)
    browser.check("activity")

    fresh_browser.open(link)
    fresh_browser.find("#code").send_keys(code)
    # Time inputs differ by locale in how keys fill them; the value is what the form posts.
    fresh_browser.driver.execute_script(
        "document.getElementById('checkIn').value = '09:00'; document.getElementById('checkOut').value = '11:30'")
    fresh_browser.check("check-in")
    fresh_browser.submit("form.stack button[type=submit]")
    assert "签到成功" in fresh_browser.text()
    assert "150 分钟" in fresh_browser.text()
    fresh_browser.check("check-in-done")

    browser.driver.refresh()
    assert "孙**" in browser.text() and "本人签到" in browser.text()


def test_the_county_sees_the_record_and_downloads_the_summary_as_xlsx(browser, size):
    expected = headline(report_json())
    browser.sign_in(ADMIN[0], setting(ADMIN[1]))
    assert browser.driver.current_url.endswith("/county")
    browser.open("/county?period=2021")
    table = browser.find('[data-table="headline"]')
    shown = {row.find_element("css selector", "th").text: row.find_element("css selector", "td").text
             for row in table.find_elements("css selector", "tbody tr")}
    assert int(shown["服务记录(条)"].replace(",", "")) == expected["服务记录(条)"]
    assert browser.all(".chart svg"), "the charts are drawn"
    browser.all(".grid details summary")[0].click()
    assert browser.find(".grid details[open] .evidence").is_displayed()
    browser.check("county-dashboard")

    browser.open("/county/reports?period=2021")
    browser.check("county-reports")
    browser.find('a[href="/reports/county?period=2021&language=zh-Hans&format=xlsx"]').click()
    path = browser.downloads / "county-330424-2021.xlsx"
    for _ in range(100):
        if path.exists() and path.stat().st_size > 0:
            break
        time.sleep(0.1)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[workbook.sheetnames[0]]
    figures = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert figures.keys() == expected.keys()
    for name, value in figures.items():
        # Money is yuan in a workbook and integer fen in JSON.
        same = value == expected[name] or (isinstance(value, float) and round(value * 100) == expected[name])
        assert same, f"{name}: the workbook has {value}, yizhan-report {expected[name]}"


def test_a_baibu_user_cannot_open_a_ganpu_page(browser, size):
    browser.sign_in(WORKER[0], setting(WORKER[1]))
    for path in ["/stations/ganpu", "/stations/ganpu/records/new", "/stations/ganpu/clients", "/county"]:
        browser.open(path)
        assert "没有这个页面" in browser.text(), path
        browser.check("not-found", allow=(404,))


def test_the_pages_switch_to_english_and_back(browser, size):
    browser.sign_in(WORKER[0], setting(WORKER[1]))
    browser.submit("a.lang")
    assert browser.find("html").get_attribute("lang") == "en"
    assert "This month" in browser.text()
    browser.check("station-home-en")
    browser.submit("a.lang")
    assert browser.find("html").get_attribute("lang") == "zh-Hans"
