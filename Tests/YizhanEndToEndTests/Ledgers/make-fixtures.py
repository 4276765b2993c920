#!/usr/bin/env python3
"""Writes the messy-ledger fixtures of LedgerImportTests (issue 6): ledgers as stations keep them.

Run from this folder: python3 make-fixtures.py  (needs openpyxl for the .xlsx file).
The names are invented; the ID numbers are made valid (or invalid on purpose) with the
GB 11643 check digit computed below.
"""
import datetime

import openpyxl


def id_number(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(digit) * weight for digit, weight in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


CHILD = id_number("33042420100105123")
ELDER = id_number("33042419400312001")
WIDOW = id_number("33042419380720002")
GOOD_FOR_BAD = id_number("33042419500101002")
BAD_CHECKSUM = GOOD_FOR_BAD[:-1] + ("0" if GOOD_FOR_BAD[-1] != "0" else "1")
FUTURE_BIRTH = id_number("33042420990101004")

# The client roster: UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), full-width parentheses.
# Consent as stations keep it: the child's signed by a guardian, 张阿婆's form not entered (an
# import states it with --consent-date), the refused rows' beside the point.
SCOPE = "接受服务、个人信息收集与使用"
clients = [
    "姓名,身份证号,联系电话,村（社区）,类别,知情同意日期,同意范围,同意人,备注",
    f"王小明,{CHILD},13800138000,百步镇示例村01,留守儿童,2021-03-01,{SCOPE}、转介,监护人,",
    f"李大爷,{ELDER},,百步镇示例村02,孤老、低保户,2021/3/2,{SCOPE},本人,",
    "",
    f"张阿婆,{WIDOW},0573-86123456,百步镇示例村03,特困人员,,,,",
    f"钱某某,{BAD_CHECKSUM},,百步镇示例村01,残疾人,2021-03-01,{SCOPE},,",
    f"王小明,{CHILD},,百步镇示例村01,留守儿童,2021-03-01,{SCOPE},监护人,重复登记",
    f"孙某某,{FUTURE_BIRTH},,百步镇示例村02,留守儿童,2021-03-01,{SCOPE},监护人,",
]
with open("clients-bom.csv", "wb") as file:
    file.write(("\ufeff" + "\r\n".join(clients) + "\r\n").encode("utf-8"))

# The service ledger: GBK (Excel's "CSV" on Chinese Windows), a title row, a two-row merged
# heading, blank lines, four date spellings, a future date, a duplicated row, a bad ID number.
services = [
    "百步镇社会工作站2021年11月服务台账,,,,,,,,,,",
    "序号,服务日期,服务类型,服务对象,,时长,社工,村（社区）,服务项目,子项目,备注",
    ",,,身份证号,人数,（分钟）,,,,,",
    f"1,2021-11-05,入户走访,{CHILD},,60,示例社工百步01,百步镇示例村01,,,",
    "2,2021/11/6,小组活动,,12,90分钟,示例社工百步02、示例社工百步03,,百步镇社会工作站2021年度服务项目,困境儿童“六大计划”,",
    ",,,,,,,,,,",
    "3,2021年11月7日,社区活动,,45,1.5小时,示例社工百步01,百步镇示例村02,,,",
    "4,2021.11.08,政策咨询,,2,30,,,,,",
    "",
    "5,2099-01-01,入户走访,,1,60,,,,,",
    f"6,2021-11-05,入户走访,{CHILD},,60,示例社工百步01,百步镇示例村01,,,",
    f"7,2021-11-10,个案服务,{BAD_CHECKSUM},,45,示例社工百步04,,,,",
    "8,2021-11-12,培训,,20,120,示例社工百步05,,,,业务培训",
]
with open("services-gbk.csv", "wb") as file:
    file.write(("\r\n".join(services) + "\r\n").encode("gbk"))

# The volunteer roster: plain UTF-8 (no byte-order mark), a registration date in 年月日, a bad phone,
# and one person twice.
VOLUNTEER = id_number("33042419900101001")
volunteers = [
    "姓名,身份证号,手机号,村(社区),登记日期",
    f"陈志愿,{VOLUNTEER},13900139000,百步镇示例村01,2021年3月1日",
    f"周热心,{id_number('33042419850505002')},,百步镇示例村02,2021/3/2",
    f"吴某某,{id_number('33042419700707003')},12345,,2021-03-03",
    f"陈志愿,{VOLUNTEER},,,2021-03-04",
]
with open("volunteers.csv", "wb") as file:
    file.write(("\n".join(volunteers) + "\n").encode("utf-8"))

# The same kind of ledger kept in Excel: a merged title, real date cells, a merged heading.
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "11月台账"
sheet.append(["百步镇社会工作站服务台账"])
sheet.merge_cells("A1:F1")
sheet.append(["服务日期", "服务类型", "服务对象", None, "时长(分钟)", "社工"])
sheet.append([None, None, "身份证号", "人数", None, None])
sheet.merge_cells("C2:D2")
sheet.append([datetime.date(2021, 11, 15), "入户走访", ELDER, None, 40, "示例社工百步06"])
sheet.append([datetime.date(2021, 11, 16), "小组活动", None, 8, 90, "示例社工百步02"])
sheet.append([datetime.date(2021, 11, 17), "社区活动", None, 30, 120, None])
for row in sheet.iter_rows(min_row=4, max_col=1):
    row[0].number_format = "yyyy/m/d"
book.save("services.xlsx")

# A month's service ledger as a station keeps it (issue 22.1), in GBK: the people served by name
# and ID number, two of them not registered yet (周某某 on two rows, registered once), workers
# named as people write them (小周社工, 王社工: kept as written, issue 22.2), 服务人次 as the
# head-count heading, a bad checksum, a future date, an impossible date, a negative count, a
# duplicated row and a 合计 row that counts every row as written.
NEW_ONE = id_number("33042419520304002")
NEW_TWO = id_number("33042419451111001")
OTHER_BAD = id_number("33042419600606003")
OTHER_BAD = OTHER_BAD[:-1] + ("0" if OTHER_BAD[-1] != "0" else "1")
people = [
    "百步镇社会工作站2021年12月服务台账",
    "服务日期,服务类型,服务对象姓名,身份证号,村（社区）,服务人次,时长（分钟）,社工,备注",
    f"2021-12-01,入户走访,周某某,{NEW_ONE},百步镇示例村01,1,40,示例社工百步06,",
    f"2021-12-02,入户走访,周某某,{NEW_ONE},百步镇示例村01,1,35,小周社工,复访",
    f"2021-12-03,个案服务,吴某某,{NEW_TWO},百步镇示例村02,1,60,示例社工百步02,",
    "2021-12-04,社区活动,,,百步镇示例村03,30,120,王社工、示例社工百步02,",
    f"2021-12-05,入户走访,郑某某,{OTHER_BAD},百步镇示例村01,1,30,,",
    f"2099-01-01,入户走访,周某某,{NEW_ONE},百步镇示例村01,1,30,,",
    "2021-02-30,社区活动,,,百步镇示例村01,10,60,,",
    "2021-12-06,社区活动,,,百步镇示例村01,-3,60,,",
    f"2021-12-03,个案服务,吴某某,{NEW_TWO},百步镇示例村02,1,60,示例社工百步02,",
    "合计,,,,,43,,,",
]
with open("services-people-gbk.csv", "wb") as file:
    file.write("\r\n".join(people).encode("gbk") + b"\r\n")

# A ledger saved in Excel with a password to open it (issue 22.5): the workbook is encrypted into
# an OLE compound file's EncryptedPackage stream (MS-OFFCRYPTO), as Excel and WPS save it.
# Needs msoffcrypto-tool (pip install msoffcrypto-tool); the password is 123456.
try:
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["服务日期", "服务类型", "时长(分钟)", "人数"])
    book.active.append([datetime.date(2021, 11, 5), "入户走访", 60, 1])
    book.save(plain)
    plain.seek(0)
    with open("services-password.xlsx", "wb") as file:
        OOXMLFile(plain).encrypt("123456", file)
except ImportError:
    print("services-password.xlsx not rewritten: pip install msoffcrypto-tool")

# A month's ledger as a station keeps it in Excel (issue 22.3, 22.4): a merged title, a two-row
# heading whose upper cell is not merged (服务对象 over 身份证号 and 服务人次), serial numbers, Excel
# date cells, numbers as numbers and as text, two formatted empty rows, a 合计 row of SUM formulas
# with the values Excel stores beside them, and who filled it in under the table.
from openpyxl.styles import PatternFill

book = openpyxl.Workbook()
sheet = book.active
sheet.title = "11月"
sheet.append(["百步镇社会工作站2021年11月服务台账"])
sheet.merge_cells("A1:G1")
sheet.append(["序号", "服务日期", "服务类型", "服务对象", None, "时长(分钟)", "社工"])
sheet.append([None, None, None, "身份证号", "服务人次", None, None])
sheet.append([1, datetime.date(2021, 11, 3), "入户走访", None, 1, 40, "示例社工百步06"])
sheet.append([2, datetime.date(2021, 11, 9), "小组活动", None, 8, 90, "示例社工百步02"])
sheet.append([3, datetime.date(2021, 11, 12), "社区活动", None, 30, "120", None])
sheet.append([4, datetime.date(2021, 11, 19), "小组", None, "12", 60, "示例社工百步02"])
sheet.append([5, datetime.date(2021, 11, 26), "走访", None, 5, 45, None])
grey = PatternFill(start_color="DDDDDD", end_color="DDDDDD", fill_type="solid")
for row in (9, 10):
    for column in range(1, 8):
        sheet.cell(row=row, column=column).fill = grey
sheet.cell(row=11, column=1, value="合计")
sheet.cell(row=11, column=5, value="=SUM(E4:E8)")
sheet.cell(row=11, column=6, value="=SUM(F4:F8)")
sheet.cell(row=13, column=1, value="填表人:示例社工百步02")
sheet.cell(row=14, column=1, value="审核人:示例站长    填表日期:2021年12月1日")
for row in sheet.iter_rows(min_row=4, max_row=8, min_col=2, max_col=2):
    row[0].number_format = "yyyy/m/d"
book.save("services-totals.xlsx")

# openpyxl writes a formula without its value; Excel saves both. Add the values as Excel would.
import zipfile

with zipfile.ZipFile("services-totals.xlsx") as source:
    parts = {name: source.read(name) for name in source.namelist()}
sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
import re

for formula, value in (("SUM(E4:E8)", 56), ("SUM(F4:F8)", 355)):
    sheet_xml = re.sub(
        re.escape(f"<f>{formula}</f>") + r"(<v\s*/>|<v></v>)?", f"<f>{formula}</f><v>{value}</v>", sheet_xml
    )
assert "<v>56</v>" in sheet_xml and "<v>355</v>" in sheet_xml
parts["xl/worksheets/sheet1.xml"] = sheet_xml.encode()
with zipfile.ZipFile("services-totals.xlsx", "w", zipfile.ZIP_DEFLATED) as target:
    for name, data in parts.items():
        target.writestr(name, data)
