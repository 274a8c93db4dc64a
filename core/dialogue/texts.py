"""The engine's own sentences in Chinese and English (FAQ answers live in data/faq.json)."""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "welcome": ("您好！这里是县档案馆查档服务。我可以帮您：查档案目录、开档案证明、预约到服务中心办理、"
                "查申请进度，也能回答办事需要带什么材料、收不收费、要多久等问题。"
                "请直接说您要办的事，比如「查1985年张伟的结婚登记」。",
                "Hello! This is the county archive's inquiry service. I can search the catalogue, help you "
                "apply for an archive certificate, book a visit to a service centre, check an application's "
                "status, and answer questions about papers, fees and time limits. Just tell me what you need."),
    "thanks": ("不客气，还有需要随时找我。", "You're welcome. Ask me any time."),
    "bye": ("再见，祝您办事顺利！", "Goodbye!"),
    "not_understood": ("抱歉，我没有听懂。我可以帮您查档案、开证明、预约、查进度，或回答办事问题。换个说法试试？",
                       "Sorry, I did not understand. I can search records, help you apply for a certificate, book a "
                       "visit, check a status or answer questions about the procedure. Could you say it another way?"),
    "out_of_scope": ("抱歉，这个问题不归档案馆管，我回答不了。我可以帮您查档案、开证明、预约、查进度，或回答查档办事的问题。",
                     "Sorry, that is outside what the archive can help with. I can search records, help with "
                     "certificates, bookings and statuses, or answer questions about the procedure."),
    "offer_handoff": ("我好像一直没帮上忙。要不要转给工作人员？他们会在工作时间内回复您。",
                      "I don't seem to be helping. Shall I pass your question to a member of staff?"),
    "handoff_done": ("已转给工作人员（工单号 {id}）。他们会在工作时间内回复您，请留意消息。",
                     "Passed to our staff (ticket {id}). They will reply during office hours."),
    "cancelled_flow": ("好的，已取消，填写的信息已清除。还有别的需要吗？", "Cancelled; what you entered has been discarded."),
    "no_flow": ("现在没有正在办理的事项。", "There is nothing in progress."),
    "first_step": ("已经是第一步了。", "This is already the first step."),
    "confirm_hint": ("无误请回复「确认」；要修改请回复「返回」；不办了请回复「取消」。",
                     "Reply 确认 to confirm, 返回 to go back, or 取消 to cancel."),
    "skip_hint": ("（可回复「跳过」）", " (reply 跳过 to skip)"),
    "search_prompt": ("请告诉我要查什么，比如：姓名、年份、事项（结婚登记、学籍、招工等）。",
                      "What are you looking for? A name, a year and the kind of record help."),
    "status_prompt": ("请发送取件码（申请成功时给您的10位码，如 K7QX-M2PD-3R）。",
                      "Please send the 10-character pickup code you received when you applied."),
    "cancel_prompt": ("请发送预约成功时给您的取消码（10位）。", "Please send the cancel code you received when you booked."),
    "help": ("您可以直接说要办的事，例如：\n· 查1985年张伟的结婚登记\n· 开结婚证明\n· 预约明天去城关镇\n· 查进度 K7QXM2PD3R\n"
             "· 查档要带什么材料\n· 最近的服务中心在哪\n办理中随时可以回复「返回」改上一步，或「取消」不办了；需要时回复「转人工」。",
             "Tell me what you need, e.g. 'search marriage records 1985', 'apply for a certificate', 'book an "
             "appointment', 'status K7QXM2PD3R', 'what documents do I need', 'opening hours'. During a form reply "
             "返回 to go back or 取消 to stop; 转人工 reaches a person."),
    "long": ("消息太长了，请简短一些（500字以内）。", "That message is too long; please keep it under 500 characters."),
    "empty": ("请输入内容。", "Please type a message."),
    "continue_form": ("\n\n继续办理：", "\n\nTo go on with your request:"),
    "stale_state": ("会话已失效，请重新开始办理。", "This conversation has expired; please start again."),
    # forms: prompts, validation, summaries, results
    "ask_name": ("请输入申请人（您本人）的姓名。", "Your full name (as on your ID card)?"),
    "bad_name": ("姓名应为2到30个字，不含数字，请重新输入。", "A name has 2 to 30 characters and no digits; please type it again."),
    "ask_id": ("请输入申请人的身份证号码（18位，只用于核对身份，不会显示给他人）。",
               "Your ID card number (18 characters; used only to verify your identity, never shown to others)?"),
    "ask_phone": ("请输入联系电话，方便办好后通知您。", "A phone number to reach you when it is ready?"),
    "bad_phone": ("电话号码格式不对，应为数字，如 13800138000 或 0571-88888888。",
                  "That phone number is not valid; use digits, e.g. 13800138000 or 0571-88888888."),
    "not_filled": ("未填", "not given"),
    "ask_centre": ("请选择服务中心：", "Which service centre?"),
    "bad_centre": ("没有找到这个服务中心，请从下面选一个。", "I could not find that service centre; please pick one below."),
    "ask_category": ("请选择要申请的档案类别：", "Which kind of record is the certificate about?"),
    "bad_category": ("没有听懂是哪类档案，请从下面选一个。", "Which kind of record? Please pick one below."),
    "ask_relation": ("您和档案上的当事人是什么关系？（查{category}档案）",
                     "How are you related to the person in the record? ({category} records)"),
    "pick_relation": ("请选择您的身份。", "Please choose how you are applying."),
    "bad_relation": ("没有听懂您和当事人的关系。", "I did not understand how you are related to the person in the record."),
    "refused_relation": ("{reason}请选择其他身份，或回复「取消」。", "{reason} Please choose another option, or reply 取消 to cancel."),
    "ask_subjects": ("请输入档案上当事人的姓名，多人用顿号隔开（如：张伟、李娜）。",
                     "Name(s) of the people in the record, in Chinese, separated by 、 (e.g. 张伟、李娜)?"),
    "bad_subjects": ("姓名应为2到30个字（最多10人），多人用顿号隔开。",
                     "Names have 2 to 30 characters (at most 10 people), separated by 、."),
    "ask_years": ("档案大约是哪一年形成的？可以写一个年份（1985）或起止年份（1983-1985）。",
                  "Roughly which year is the record from? One year (1985) or a range (1983-1985)."),
    "bad_years": ("没有看懂年份，请写成 1985 或 1983-1985。", "Please write the year as 1985 or 1983-1985."),
    "years_range": ("年份应在 1900 到 {year} 之间。", "The year should be between 1900 and {year}."),
    "ask_place": ("档案是在哪里形成的（乡镇、村或单位）？", "Where was the record made (township, village or work unit)?"),
    "bad_place": ("地点不能超过50个字。", "The place can have at most 50 characters."),
    "ask_purpose": ("请说明查档用途（比如房产过户、办理退休）：",
                    "What do you need it for (e.g. property transfer, retirement)?"),
    "bad_purpose": ("用途请写2到200个字。", "Please describe the purpose in 2 to 200 characters."),
    "ask_delivery": ("证明办好后怎么领取？", "How would you like to receive the certificate?"),
    "bad_delivery": ("请选择「到服务中心领取」或「电子证明」。", "Please choose pickup at a service centre or an electronic certificate."),
    "pickup_at": ("到服务中心领取（{centre}）", "pickup at a service centre ({centre})"),
    "electronic": ("电子证明", "electronic certificate"),
    "apply_summary": ("请核对申请信息：\n档案类别：{category}\n您的身份：{relation}\n当事人：{subjects}\n年份：{years}\n"
                      "地点：{place}\n用途：{purpose}\n申请人：{name}（{masked}）",
                      "Please check your application:\nRecords: {category}\nYou apply as: {relation}\n"
                      "People in the record: {subjects}\nYears: {years}\nPlace: {place}\nPurpose: {purpose}\n"
                      "Applicant: {name} ({masked})"),
    "summary_phone": ("联系电话：{phone}", "Phone: {phone}"),
    "summary_delivery": ("领取方式：{delivery}", "Delivery: {delivery}"),
    "papers": ("请带：{papers}。", "Please bring: {papers}."),
    "papers_at_window": ("办理时请带：{papers}。", "Please bring: {papers}."),
    "papers_at_pickup": ("领取时请带：{papers}。", "When you collect it, please bring: {papers}."),
    "submitted": ("申请已提交！取件码：{code}（请记好，凭它查进度、领证明）。\n预计{month}月{day}日前办结，办好后会通知您。",
                  "Application submitted! Pickup code: {code} (keep it: you need it to follow the application and "
                  "collect the certificate).\nExpected by {due:%d %b %Y}; we will let you know when it is ready."),
    "book_full": ("{centre}近{days}天已约满，请选择其他服务中心。",
                  "{centre} is fully booked for the next {days} days; please choose another centre."),
    "ask_day": ("想约{centre}哪一天？（可以说「明天」「下周一」「12月3日」）", "Which day at {centre}? (pick one below)"),
    "day_button": ("{day}（余{n}）", "{day} ({n} free)"),
    "bad_day": ("没有看懂日期，可以说「明天」「下周一」或「12月3日」。", "Please pick a day below, or write it as 2026-12-03."),
    "no_such_day": ("这个日期不存在，请重新选择。", "That date does not exist; please choose again."),
    "day_full": ("{day}已约满，请选择其他日期。", "{day} is fully booked; please choose another day."),
    "ask_slot": ("请选择{day}的时段：", "Which time on {day}?"),
    "bad_slot": ("请选择一个时段，或写成 09:30 这样的时间。", "Please pick a time below, or write it like 09:30."),
    "slot_taken": ("{time} 不是可预约的空闲时段，请从下面选一个。", "{time} is not a free time; please pick one below."),
    "book_summary": ("请核对预约信息：\n服务中心：{centre}\n时间：{when}\n预约人：{name}（{masked}）",
                     "Please check your booking:\nService centre: {centre}\nTime: {when}\nVisitor: {name} ({masked})"),
    "booked": ("预约成功：{centre}，{when}。\n预约号 {id}，取消码 {code}（请保存，取消预约时要用）。\n地址：{address}{phone}。\n"
               "请带身份证按时到达。",
               "Booked: {centre}, {when}.\nBooking number {id}, cancel code {code} (keep it to cancel).\n"
               "Address: {address}{phone}.\nPlease bring your ID card and arrive on time."),
    "phone_suffix": ("，电话：{phone}", ", phone {phone}"),
    # eligibility in words (explain.py)
    "explain_one": ("以{relation}身份办理{category}档案，{papers}", "Applying as {relation} for {category} records: {papers}"),
    "explain_many": ("{category}档案含有个人信息，{who}的档案不能直接替查，只有以下情况可以办理：",
                     "{category} records hold personal information: records of {who} cannot simply be looked up for "
                     "them. You can apply only:"),
    "explain_way": ("{n} {when}（{relation}），{papers}", "{n} {when} ({relation}). {papers}"),
    "explain_agent": ("{who}健在的，须由{who}委托您代办", "if the person in the record is alive, they must authorise you "
                      "as their agent"),
    "explain_kin": ("{who}已去世的，您作为近亲属/继承人办理", "if the person in the record has died, you apply as next of "
                    "kin / heir"),
    "explain_guardian": ("{who}未成年或无民事行为能力的，您作为监护人办理", "if the person in the record is a minor or "
                         "lacks legal capacity, you apply as guardian"),
    # search
    "search_relaxed": ("（{note}）", "({note})"),
    "search_loose": ("相关的开放档案：", "Related open records:"),
    "search_some": ("找到 {total}{more} 条开放档案，前 {n} 条：", "Found {total}{more} open records; the first {n}:"),
    "search_all": ("找到 {total} 条开放档案：", "Found {total} open records:"),
    "search_hit": ("· {title}（{date}，档号 {ref}）", "· {title} ({date}, ref. {ref})"),
    "search_restricted": ("另有 {n} 条可能相关的{category}档案（{years}）未开放，这里不能显示内容，需本人或有权人员申请查阅。",
                          "Possibly related {category} records that are not open ({years}): {n}. Their contents "
                          "cannot be shown here; the person concerned or someone entitled must apply."),
    "search_restricted_only": ("有 {n} 条可能相关的{category}档案（{years}）未开放，这里不能显示内容，需本人或有权人员申请查阅。",
                               "Possibly related {category} records that are not open ({years}): {n}. Their "
                               "contents cannot be shown here; the person concerned or someone entitled must apply."),
    "search_none": ("没有找到相关档案。可以换个说法，或只说姓名、年份和事项试试。",
                    "No matching records. Try other words, or just a name, a year and the kind of record."),
    "search_recent": ("提示：近{n}年形成的档案多半还没有移交档案馆，查不到的请直接联系{agency}。",
                      "Note: records from the last {n} years have mostly not reached the archive yet; if you cannot "
                      "find them, ask {agency} directly."),
    # visits: cancel a visit, follow an application
    "cancel_confirm": ("要取消这个预约吗？\n{what}\n确认请回复「确认」，不取消请回复「返回」。",
                       "Cancel this booking?\n{what}\nReply 确认 to cancel it, or 返回 to keep it."),
    "withdraw_application": ("已提交的查档申请如需撤回，请联系受理的服务中心窗口，或转人工，工作人员核实身份后为您撤回。",
                             "To withdraw a submitted application, contact the service centre that handles it, or talk "
                             "to staff: they will check your identity and withdraw it."),
    "no_visits": ("您目前没有待到访的预约。", "You have no upcoming bookings."),
    "which_visit": ("要取消哪一个预约？", "Which booking do you want to cancel?"),
    "no_cancel_code": ("没有找到这个取消码对应的待到访预约，请核对后重新发送（10位，不区分大小写）。",
                       "No upcoming booking has this cancel code; please check it and send it again (10 characters)."),
    "kept_visit": ("好的，预约保留不变。", "OK, your booking stays as it is."),
    "pick_visit": ("请从列表中选一个预约。", "Please pick a booking from the list."),
    "not_your_visit": ("这不是您的预约，请从列表中选。", "That is not your booking; please pick one from the list."),
    "confirm_cancel_hint": ("确认取消请回复「确认」，不取消请回复「返回」。", "Reply 确认 to cancel it, or 返回 to keep it."),
    "visit_cancelled": ("已取消预约（预约号 {id}）。需要时可以重新预约。", "Booking {id} cancelled. You can book again any time."),
    "status_line": ("取件码 {code}：{category}档案证明申请（当事人 {subjects}），当前状态：{status}。",
                    "Pickup code {code}: certificate application for {category} records (people in the record: "
                    "{subjects}), status: {status}."),
    "status_due": ("预计{month}月{day}日前办结。", " Expected by {due:%d %b %Y}."),
    "status_overdue": ("预计{month}月{day}日前办结（已超期，我们会尽快处理）。",
                       " It was expected by {due:%d %b %Y} (overdue: we are on it)."),
    "status_note": ("\n说明：{note}", "\nNote from staff: {note}"),
    "status_verify": ("\n证明核验地址：{url}", "\nVerify the certificate at: {url}"),
    "status_pickup": ("\n请带身份证到{centre}领取。", "\nPlease collect it at {centre} with your ID card."),
    # service centres
    "today_holiday": ("今天是法定节假日，不开放", "closed today (public holiday)"),
    "today_closed": ("今天闭馆", "closed today"),
    "today_hours": ("今天（{weekday}）{hours}", "today ({weekday}) {hours}"),
    "centre_one": ("{name}\n地址：{address}\n电话：{phone}\n办公时间：{hours}\n{today}。",
                   "{name}\nAddress: {address}\nPhone: {phone}\nOpening hours: {hours}\nOpen {today}."),
    "also_closed": ("\n另外闭馆：{days}。", "\nAlso closed on: {days}."),
    "send_location": ("请发送您的位置，我帮您找最近的服务中心。也可以直接看下面的列表：",
                      "Send your location and I will find the nearest service centre, or see the list below:"),
    "no_centres": ("暂时没有可以办理的服务中心信息，请稍后再试。", "No service centre information yet; please try later."),
    "centre_line": ("· {name}：{address}，电话 {phone}，{today}", "· {name}: {address}, phone {phone}, {today}"),
}
#: English labels of the engine's buttons (the value sent back stays Chinese: the engine reads it in any language).
BUTTON_EN: dict[str, str] = {
    "确认": "Confirm", "返回": "Back", "取消": "Cancel", "跳过": "Skip", "转人工": "Talk to staff",
    "开证明": "Apply", "申请出证明": "Apply for a certificate", "预约": "Book", "预约到窗口办": "Book a visit",
    "常见问题": "FAQ", "到服务中心领取": "Pickup at a centre", "电子证明": "Electronic certificate",
    "房产过户": "Property transfer", "办理退休/养老": "Retirement/pension", "继承": "Inheritance",
    "补领证件": "Replace a certificate", "出国/移民": "Going abroad", "预约这里": "Book here",
}
MENU = (("查档案", "查档案"), ("开证明", "开证明"), ("预约", "预约"), ("查进度", "查进度"), ("常见问题", "查档要带什么材料"))
MENU_EN = (("Search", "查档案"), ("Apply", "开证明"), ("Book", "预约"), ("Status", "查进度"), ("FAQ", "查档要带什么材料"))


def label(text: str, lang: str = "zh") -> str:
    """A button label in the user's language."""
    return BUTTON_EN.get(text, text) if lang == "en" else text


def say(key: str, lang: str = "zh", **values) -> str:
    """A sentence in the user's language."""
    zh, en = TEXTS[key]
    return (en if lang == "en" else zh).format(**values)
